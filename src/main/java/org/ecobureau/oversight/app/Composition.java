package org.ecobureau.oversight.app;

import static org.ecobureau.oversight.common.StartupStep.ADMIN;
import static org.ecobureau.oversight.common.StartupStep.BACKFILL;
import static org.ecobureau.oversight.common.StartupStep.CATALOGUE;
import static org.ecobureau.oversight.common.StartupStep.DEMO_KEY_TASKS;
import static org.ecobureau.oversight.common.StartupStep.DEMO_LEDGER;
import static org.ecobureau.oversight.common.StartupStep.DEMO_USERS;
import static org.ecobureau.oversight.common.StartupStep.DEPLOY;
import static org.ecobureau.oversight.common.StartupStep.DIRECTORY;
import static org.ecobureau.oversight.common.StartupStep.FILTERS;
import static org.ecobureau.oversight.common.StartupStep.IDENTITY;
import static org.ecobureau.oversight.common.StartupStep.REQUIRE_ADMIN;
import static org.ecobureau.oversight.common.StartupStep.UPGRADE;

import java.util.List;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.assignment.KeyTaskStarter;
import org.ecobureau.oversight.catalogue.BundledCatalogue;
import org.ecobureau.oversight.common.ProcessDeployer;
import org.ecobureau.oversight.common.StartupStep;
import org.ecobureau.oversight.escalation.CaseBackfill;
import org.ecobureau.oversight.escalation.EscalationSweepProcess;
import org.ecobureau.oversight.escalation.ExtensionRequestProcess;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SummonsProcess;
import org.ecobureau.oversight.identity.AdminBootstrap;
import org.ecobureau.oversight.identity.DemoUsers;
import org.ecobureau.oversight.identity.IdentitySetup;
import org.ecobureau.oversight.escalation.SupervisionMeasureProcess;
import org.ecobureau.oversight.identity.ProcessAccess;
import org.ecobureau.oversight.reporting.PeriodicReportProcess;
import org.ecobureau.oversight.reporting.ReportingModelUpgrade;
import org.ecobureau.oversight.rectification.DemoLedger;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.signoff.FileObjectionProcess;
import org.ecobureau.oversight.supervision.TasklistFilters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The composition root: the one place that knows every feature. It wires start-up (each
 * feature's step, in the order {@link StartupStep} lists; run by {@code common.Startup}) and
 * hands each process's declared permissions ({@code ACCESS} on its backing class) to identity
 * setup. The shared kernels (common, identity, calendar, importing, web, security) never import a
 * feature; features import kernels and, one way, each other (see {@code ArchitectureTest}).
 */
@Configuration
public class Composition {

  private static final Logger LOG = LoggerFactory.getLogger(Composition.class);

  // ------------------------------------------------------------------ permissions per process

  /** Every process with the permissions its backing class declares. */
  @Bean List<ProcessAccess> processAccess() {
    return List.of(KeyTaskProcess.ACCESS, CountyAssignmentProcess.ACCESS, RectificationItemProcess.ACCESS,
        FileObjectionProcess.ACCESS, SummonsProcess.ACCESS, ListedSupervisionProcess.ACCESS,
        ExtensionRequestProcess.ACCESS, EscalationSweepProcess.ACCESS, PeriodicReportProcess.ACCESS,
        PeriodicReportProcess.ROUND_ACCESS, SupervisionMeasureProcess.ACCESS);
  }

  // ------------------------------------------------------------------ start-up, in order

  @Bean StartupStep deployStep(ProcessDeployer deployer) {
    return new StartupStep(DEPLOY, "diagrams and forms", deployer::deploy);
  }

  @Bean StartupStep identityStep(IdentitySetup identity) {
    return new StartupStep(IDENTITY, "groups and grants", identity::apply);
  }

  @Bean StartupStep filtersStep(TasklistFilters filters) {
    return new StartupStep(FILTERS, "Tasklist filters", filters::apply);
  }

  @Bean StartupStep adminStep(AdminBootstrap admin) {
    return new StartupStep(ADMIN, "configured administrator", admin::apply);
  }

  @Bean StartupStep demoUsersStep(DemoUsers demoUsers, OversightProperties properties) {
    return new StartupStep(DEMO_USERS, "demo users", () -> {
      if (properties.demo().enabled()) {
        demoUsers.create();
        LOG.info("Demo users ready (password from oversight.demo.password)");
      }
    });
  }

  @Bean StartupStep requireAdminStep(AdminBootstrap admin) {
    return new StartupStep(REQUIRE_ADMIN, "an administrator exists", admin::requirePresent);
  }

  @Bean StartupStep directoryStep(IdentitySetup identity) {
    return new StartupStep(DIRECTORY, "user directory per county", identity::applyDirectoryVisibility);
  }

  @Bean StartupStep backfillStep(CaseBackfill backfill) {
    return new StartupStep(BACKFILL, "ladder backfill asked for by a migration", backfill::applyOnce);
  }

  @Bean StartupStep upgradeStep(ReportingModelUpgrade upgrade) {
    return new StartupStep(UPGRADE, "running instances carried over to the periodic-report diagrams", upgrade::applyOnce);
  }

  @Bean StartupStep catalogueStep(BundledCatalogue catalogue) {
    return new StartupStep(CATALOGUE, "bundled catalogue", catalogue::loadIfEmpty);
  }

  @Bean StartupStep demoLedgerStep(DemoLedger ledger, OversightProperties properties) {
    return new StartupStep(DEMO_LEDGER, "demo ledger", () -> {
      if (properties.demo().enabled() && ledger.loadIfEmpty()) {
        LOG.info("Demo: illustrative rectification ledger loaded");
      }
    });
  }

  @Bean StartupStep demoKeyTasksStep(KeyTaskStarter starter, OversightProperties properties) {
    return new StartupStep(DEMO_KEY_TASKS, "demo key tasks", () -> {
      // with the living demo, its history starts them (chapter 3 four months ago, the rest after it)
      if (properties.demo().startKeyTasks() && !properties.demo().history()) {
        LOG.info("Demo: started {} key-task instances", starter.startAll().size());
      }
    });
  }
}
