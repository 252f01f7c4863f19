package org.ecobureau.oversight.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.ecobureau.oversight.OversightProperties;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the diagrams and forms of the top-level {@code bpmn/} folder (packaged on the class
 * path under {@code bpmn/}) under stable resource names such as {@code bpmn/forms/report.html},
 * which the diagrams' form keys refer to. Forms are deployed as {@link FormAssembler} makes them
 * (fragments included, the upload limit from configuration); the fragments themselves are not
 * deployed. Unchanged resources create no new version: the assembly is deterministic.
 */
@Component
public class ProcessDeployer {

  public static final String DEPLOYMENT_NAME = "pollution-oversight";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);
  private static final String[] PATTERNS = {"classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.html", "classpath*:bpmn/**/*.form"};

  private final RepositoryService repositoryService;
  private final Map<String, String> formSettings;

  public ProcessDeployer(RepositoryService repositoryService, OversightProperties properties) {
    this.repositoryService = repositoryService;
    this.formSettings = formSettings(properties);
  }

  /** The configuration values forms refer to as {@code ${name}}. */
  public static Map<String, String> formSettings(OversightProperties properties) {
    return Map.of(FormAssembler.EVIDENCE_MAX_BYTES, Long.toString(properties.evidence().maxBytes()));
  }

  public void deploy() {
    Map<String, String> resources = deployable(resources(), formSettings);
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME).source("bpmn/").enableDuplicateFiltering(false);
    resources.forEach(builder::addString);
    DeploymentWithDefinitions d = builder.deployWithResult();
    LOG.info("Deployed {} resources from bpmn/ ({} new process definitions)", resources.size(),
        d.getDeployedProcessDefinitions() == null ? 0 : d.getDeployedProcessDefinitions().size());
  }

  /** Resource name → the text deployed under it: diagrams as they are, forms assembled, no fragments. */
  static Map<String, String> deployable(Map<String, Resource> resources, Map<String, String> formSettings) {
    FormAssembler forms = FormAssembler.of(resources, formSettings);
    Map<String, String> out = new TreeMap<>();
    for (var e : resources.entrySet()) {
      String name = e.getKey();
      if (FormAssembler.isFragment(name)) {
        continue;
      }
      try (InputStream in = e.getValue().getInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        out.put(name, FormAssembler.isForm(name) ? forms.assemble(name, text) : text);
      } catch (IOException ex) {
        throw new IllegalStateException("Cannot read " + name, ex);
      }
    }
    return out;
  }

  /** Resource name (bpmn/...) → resource. */
  public static Map<String, Resource> resources() {
    Map<String, Resource> out = new TreeMap<>();
    try {
      for (String pattern : PATTERNS) {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
          String url = r.getURL().toString();
          int i = url.lastIndexOf("/bpmn/");
          out.put(url.substring(i + 1), r);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list bpmn/ resources", e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("No BPMN resources found under classpath bpmn/");
    }
    return out;
  }
}
