package org.ecobureau.oversight.common;

import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings a fresh or existing installation to its working state: runs every {@link StartupStep}
 * the features contribute, in the order {@link StartupStep} lists, in one transaction. The OV_*
 * tables themselves are Flyway's, migrated before this runs.
 */
@Component
public class Startup {

  private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

  private final List<StartupStep> steps;
  private final IdentityService identityService;
  private final JdbcTemplate jdbc;

  public Startup(List<StartupStep> steps, IdentityService identityService, JdbcTemplate jdbc) {
    this.steps = steps.stream().sorted(Comparator.comparingInt(StartupStep::order)).toList();
    this.identityService = identityService;
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Transactional
  public void run() {
    // One node at a time: the engine's commands join this transaction, and the lock row is
    // held until it commits, so a second node starting on the same database finds it all done.
    jdbc.query("SELECT NAME FROM OV_LOCK WHERE NAME = 'startup' FOR UPDATE", (rs, i) -> rs.getString(1));
    identityService.clearAuthentication();
    for (StartupStep step : steps) {
      LOG.debug("Start-up step {} ({})", step.name(), step.order());
      step.action().run();
    }
  }

  /** The steps in the order they run (for tests and the log). */
  public List<StartupStep> steps() {
    return steps;
  }
}
