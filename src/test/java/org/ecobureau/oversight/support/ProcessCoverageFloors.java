package org.ecobureau.oversight.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Coverage properties of the running test class, from its {@link ProcessCoverage}: one shared
 * context serves every process test, and the coverage listener (which asks the context for its
 * properties before each class) still gets each class's own floor and exclusions.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProcessCoverageFloors {

  private static volatile Class<?> running;

  @Bean
  @Primary
  @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
  ProcessEngineCoverageProperties coverageOfTheRunningTestClass() {
    ProcessCoverage coverage = running == null ? null : running.getAnnotation(ProcessCoverage.class);
    var builder = ProcessEngineCoverageProperties.Companion.builder();
    if (coverage != null) {
      builder.assertClassCoverageAtLeast(coverage.atLeast()).excludeProcessDefinitionKeys(coverage.excluding());
    }
    return builder.build();
  }

  /** Notes the test class before the coverage listener (ordered last) reads its properties. */
  public static class RunningClass implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestClass(TestContext testContext) {
      running = testContext.getTestClass();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
      running = null;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }
}
