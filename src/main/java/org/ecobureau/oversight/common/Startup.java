package org.ecobureau.oversight.common;

import org.camunda.bpm.engine.IdentityService;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.assignment.KeyTaskStarter;
import org.ecobureau.oversight.catalogue.BundledCatalogue;
import org.ecobureau.oversight.identity.AdminBootstrap;
import org.ecobureau.oversight.identity.DemoUsers;
import org.ecobureau.oversight.identity.IdentitySetup;
import org.ecobureau.oversight.rectification.DemoLedger;
import org.ecobureau.oversight.supervision.TasklistFilters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings a fresh or existing installation to its working state, in order, idempotently:
 * diagrams, groups and grants, filters, the first admin, demo users, the engine-side steps that a
 * schema migration requested (the ladder backfill, see {@code CaseBackfill}), the bundled catalogue
 * (only into an empty catalogue) and, in the demo, the key-task instances. The OV_* tables
 * themselves are Flyway's, migrated before this runs.
 */
@Component
public class Startup {

  private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

  private final ProcessDeployer deployer;
  private final IdentitySetup identitySetup;
  private final TasklistFilters filters;
  private final AdminBootstrap admin;
  private final DemoUsers demoUsers;
  private final BundledCatalogue bundledCatalogue;
  private final KeyTaskStarter starter;
  private final IdentityService identityService;
  private final OversightProperties properties;
  private final JdbcTemplate jdbc;
  private final DemoLedger demoLedger;
  private final org.ecobureau.oversight.escalation.CaseBackfill caseBackfill;

  public Startup(org.ecobureau.oversight.escalation.CaseBackfill caseBackfill, JdbcTemplate jdbc, DemoLedger demoLedger, ProcessDeployer deployer, IdentitySetup identitySetup, TasklistFilters filters,
      AdminBootstrap admin, DemoUsers demoUsers, BundledCatalogue bundledCatalogue,
      KeyTaskStarter starter, IdentityService identityService, OversightProperties properties) {
    this.deployer = deployer;
    this.identitySetup = identitySetup;
    this.filters = filters;
    this.admin = admin;
    this.demoUsers = demoUsers;
    this.bundledCatalogue = bundledCatalogue;
    this.starter = starter;
    this.identityService = identityService;
    this.properties = properties;
    this.jdbc = jdbc;
    this.demoLedger = demoLedger;
    this.caseBackfill = caseBackfill;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Transactional
  public void run() {
    // One node at a time: the engine's commands join this transaction, and the lock row is
    // held until it commits, so a second node starting on the same database finds it all done.
    jdbc.query("SELECT NAME FROM OV_LOCK WHERE NAME = 'startup' FOR UPDATE", (rs, i) -> rs.getString(1));
    identityService.clearAuthentication();
    deployer.deploy();
    identitySetup.apply();
    filters.apply();
    admin.apply();
    if (properties.demo().enabled()) {
      demoUsers.create();
      LOG.info("Demo users ready (password from oversight.demo.password)");
    }
    admin.requirePresent();
    identitySetup.applyDirectoryVisibility();
    caseBackfill.applyOnce();
    bundledCatalogue.loadIfEmpty();
    if (properties.demo().enabled() && demoLedger.loadIfEmpty()) {
      LOG.info("Demo: illustrative rectification ledger loaded");
    }
    if (properties.demo().startKeyTasks()) {
      LOG.info("Demo: started {} key-task instances", starter.startAll().size());
    }
  }
}
