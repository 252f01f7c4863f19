package org.ecobureau.oversight.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Finds the form contract of a task or a process start: the task's (or start event's) form key,
 * and the form's HTML from the deployment it belongs to. Looked up without authorization checks,
 * since the gate only narrows what the engine would allow; a task or process the caller cannot
 * see is left to the engine to refuse. Parsed forms are kept per deployment and form.
 */
@Component
public class SubmissionContracts {

  private static final String EMBEDDED_DEPLOYMENT = "embedded:deployment:";

  private final CommandExecutor commands;
  private final ConcurrentMap<String, FormContract> parsed = new ConcurrentHashMap<>();

  public SubmissionContracts(ProcessEngineConfiguration configuration) {
    this.commands = ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired();
  }

  /** The contract of an open task's form; empty when there is no such task. */
  public Optional<FormContract> ofTask(String taskId) {
    return commands.execute(ctx -> ctx.runWithoutAuthorization(() -> {
      Task task = ctx.getProcessEngineConfiguration().getTaskService().createTaskQuery().taskId(taskId)
          .initializeFormKeys().singleResult();
      if (task == null) {
        return Optional.<FormContract>empty();
      }
      String deploymentId = task.getProcessDefinitionId() == null ? null
          : ctx.getProcessEngineConfiguration().getRepositoryService()
              .getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
      return Optional.of(contract(deploymentId, task.getFormKey()));
    }));
  }

  /**
   * The contract of a process's start form, by definition id or (latest version) by key; empty
   * when there is no such process. A process without a start form has an empty contract.
   */
  public Optional<FormContract> ofStart(String definitionIdOrKey, boolean byKey) {
    return commands.execute(ctx -> ctx.runWithoutAuthorization(() -> {
      var repository = ctx.getProcessEngineConfiguration().getRepositoryService();
      var query = repository.createProcessDefinitionQuery();
      ProcessDefinition definition = byKey
          ? query.processDefinitionKey(definitionIdOrKey).withoutTenantId().latestVersion().singleResult()
          : query.processDefinitionId(definitionIdOrKey).singleResult();
      if (definition == null) {
        return Optional.<FormContract>empty();
      }
      String formKey = ctx.getProcessEngineConfiguration().getFormService().getStartFormKey(definition.getId());
      return Optional.of(contract(definition.getDeploymentId(), formKey));
    }));
  }

  private FormContract contract(String deploymentId, String formKey) {
    if (formKey == null || !formKey.startsWith(EMBEDDED_DEPLOYMENT) || deploymentId == null) {
      return FormContract.none(formKey);
    }
    String resource = formKey.substring(EMBEDDED_DEPLOYMENT.length());
    return parsed.computeIfAbsent(deploymentId + "|" + resource, k -> commands.execute(ctx -> {
      try (InputStream in = ctx.getProcessEngineConfiguration().getRepositoryService()
          .getResourceAsStream(deploymentId, resource)) {
        return FormContract.parse(formKey, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
  }
}
