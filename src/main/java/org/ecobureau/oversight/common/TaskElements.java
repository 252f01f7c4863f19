package org.ecobureau.oversight.common;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Where a task of a running process sits: the key of its process and the groups it is offered
 * to. Its element id is {@link DelegateTask#getTaskDefinitionKey()}, which the {@code Element}
 * enum of that process's backing class names.
 */
public final class TaskElements {

  /** The process definition key, or null for a task outside a process. */
  public static String processKey(DelegateTask task) {
    // the definition comes from the deployment cache: no query, no authorization check
    var definition = ((TaskEntity) task).getProcessDefinition();
    return definition == null ? null : definition.getKey();
  }

  /**
   * The step's name as the diagram gives it; Tasklist shows the task under a longer title (the
   * item's code and short title added on create).
   */
  public static String stepName(DelegateTask task) {
    var element = task.getBpmnModelElementInstance();
    return element != null && element.getName() != null ? element.getName() : task.getName();
  }

  /** The candidate groups of the task. */
  public static Set<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .collect(Collectors.toSet());
  }

  private TaskElements() {}
}
