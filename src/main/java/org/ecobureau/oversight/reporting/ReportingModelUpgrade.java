package org.ecobureau.oversight.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start-up, once: carries the running assignments and rectification items of the release
 * before periodic reports over to the current diagrams. Instances waiting where both diagrams
 * have the same element (签收, 整改方案, 审核销号申请, 公示, 审签, 回头看 …) move there; those waiting at
 * one of the old per-assignment report steps (报送进展情况, 审核进展报告, 退回重报, 申请销号; 报送/审核整改进展,
 * 退回重报) move to the wait state where the work is now carried out (办理中 / 整改中) and report in
 * their party's next periodic report. A report submitted under the old model but not yet reviewed
 * stays in the case file as it was.
 *
 * <p>Requested by Flyway migration {@code V4__periodic_reports} as a row in {@code OV_PENDING_STEP}
 * (the engine is not running while Flyway migrates); {@link #applyOnce()} does it and deletes the
 * row in the start-up transaction, under the start-up lock.
 */
@Component
public class ReportingModelUpgrade {

  private static final Logger LOG = LoggerFactory.getLogger(ReportingModelUpgrade.class);
  static final String STEP = "reporting-model-upgrade";

  /** Per process: the old report steps, and where their instances go. */
  static final Map<String, List<String>> OLD_STEPS = Map.of(
      CountyAssignmentProcess.KEY, List.of("submitProgressReport", "reviewProgressReport", "reviseProgressReport",
          "claimCompletion"),
      RectificationItemProcess.KEY, List.of("submitRectificationReport", "reviewRectificationReport",
          "reviseRectificationReport"));
  static final Map<String, String> CARRIED_OUT_AT = Map.of(
      CountyAssignmentProcess.KEY, CountyAssignmentProcess.Element.carryingOut.name(),
      RectificationItemProcess.KEY, RectificationItemProcess.Element.rectifying.name());
  /**
   * A user task of the current diagram the old report tasks are migrated onto first (a user task
   * migrates only onto a user task), to be moved on to the wait state at once.
   */
  static final Map<String, String> WAYPOINT = Map.of(
      CountyAssignmentProcess.KEY, CountyAssignmentProcess.Element.acceptAssignment.name(),
      RectificationItemProcess.KEY, RectificationItemProcess.Element.draftRectificationPlan.name());

  private final JdbcTemplate jdbc;
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final CaseRepository cases;

  public ReportingModelUpgrade(JdbcTemplate jdbc, RepositoryService repositoryService, RuntimeService runtimeService,
      CaseRepository cases) {
    this.jdbc = jdbc;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.cases = cases;
  }

  /** The upgrade, if a migration requested it (the caller holds the start-up lock). */
  public int applyOnce() {
    // deleted first, in the caller's transaction: a failed upgrade rolls back and stays pending
    if (jdbc.update("DELETE FROM OV_PENDING_STEP WHERE NAME = ?", STEP) == 0) {
      return 0;
    }
    return apply();
  }

  /** Migrates every running instance of an older diagram of the two processes; returns how many. */
  public int apply() {
    int migrated = 0;
    for (String key : OLD_STEPS.keySet()) {
      ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      if (latest == null) {
        continue;
      }
      for (ProcessDefinition old : repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).list()) {
        if (!old.getId().equals(latest.getId())) {
          migrated += migrate(key, old, latest);
        }
      }
    }
    if (migrated > 0) {
      LOG.info("Reporting model upgrade: {} running instance(s) carried over to the current diagrams", migrated);
    }
    return migrated;
  }

  private int migrate(String key, ProcessDefinition old, ProcessDefinition latest) {
    List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery().processDefinitionId(old.getId())
        .list();
    if (instances.isEmpty()) {
      return 0;
    }
    var oldModel = repositoryService.getBpmnModelInstance(old.getId());
    var plan = runtimeService.createMigrationPlan(old.getId(), latest.getId()).mapEqualActivities();
    for (String step : OLD_STEPS.get(key)) {
      if (oldModel.getModelElementById(step) != null) {
        plan.mapActivities(step, WAYPOINT.get(key));
      }
    }
    List<ProcessInstance> reporting = new ArrayList<>();
    for (ProcessInstance pi : instances) {
      List<String> active = runtimeService.getActiveActivityIds(pi.getId());
      if (active.stream().anyMatch(OLD_STEPS.get(key)::contains)) {
        reporting.add(pi);
      }
    }
    runtimeService.newMigration(plan.build()).processInstanceIds(instances.stream().map(ProcessInstance::getId).toList())
        .skipCustomListeners().execute();
    for (ProcessInstance pi : reporting) {
      runtimeService.createProcessInstanceModification(pi.getId())
          .cancelAllForActivity(WAYPOINT.get(key))
          .startBeforeActivity(CARRIED_OUT_AT.get(key))
          .execute(true, true);
      // the old report task leaves the ladder (the periodic report's task takes its place)
      cases.clearObligation(pi.getBusinessKey());
      cases.setReporting(pi.getBusinessKey(), true);
    }
    LOG.info("{} v{} -> v{}: {} instance(s), {} of them now reporting in the periodic report", key,
        old.getVersion(), latest.getVersion(), instances.size(), reporting.size());
    return instances.size();
  }
}
