package org.ecobureau.oversight.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
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
 * which the diagrams' form keys refer to. Unchanged resources create no new version.
 */
@Component
public class ProcessDeployer {

  public static final String DEPLOYMENT_NAME = "pollution-oversight";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);
  private static final String[] PATTERNS = {"classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.html", "classpath*:bpmn/**/*.form"};

  private final RepositoryService repositoryService;

  public ProcessDeployer(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public void deploy() {
    Map<String, Resource> resources = resources();
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME).source("bpmn/").enableDuplicateFiltering(false);
    for (var e : resources.entrySet()) {
      try (InputStream in = e.getValue().getInputStream()) {
        builder.addString(e.getKey(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException ex) {
        throw new IllegalStateException("Cannot read " + e.getKey(), ex);
      }
    }
    DeploymentWithDefinitions d = builder.deployWithResult();
    LOG.info("Deployed {} resources from bpmn/ ({} new process definitions)", resources.size(),
        d.getDeployedProcessDefinitions() == null ? 0 : d.getDeployedProcessDefinitions().size());
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
