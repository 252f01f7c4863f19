package org.ecobureau.oversight.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start-up: puts on the ladder the assignments and items that were running before it existed
 * (an upgrade), with their county's open task. Once per database: Flyway migration
 * {@code V2__ladder_backfill_as_pending_step} requests it as a row in {@code OV_PENDING_STEP}
 * (unless the previous release had done it already), and {@link #applyOnce()} does it and deletes
 * the row in the start-up transaction. Every instance started since registers itself. Cases
 * already on it are left alone.
 *
 * <p>Why not a Flyway Java migration: the backfill reads process variables and candidate groups
 * and sets variables (with their history) through the engine, which is not running while Flyway
 * migrates; doing it with plain JDBC on Camunda's tables would bypass the engine's serialisation,
 * revisions and history. So Flyway records that the step is due, and the engine-side step runs
 * once the engine is up, under the start-up lock (one node does it, exactly once).
 */
@Component
public class CaseBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(CaseBackfill.class);
  private static final int PAGE = 1000;
  /** Its row in OV_PENDING_STEP, inserted by migration V2. */
  static final String STEP = "ladder-backfill";

  private final JdbcTemplate jdbc;
  private final CaseRepository cases;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final Clock clock;
  private final org.camunda.bpm.engine.RepositoryService repositoryService;

  public CaseBackfill(JdbcTemplate jdbc, CaseRepository cases, RuntimeService runtimeService, TaskService taskService,
      Clock clock, org.camunda.bpm.engine.RepositoryService repositoryService) {
    this.clock = clock;
    this.repositoryService = repositoryService;
    this.jdbc = jdbc;
    this.cases = cases;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  /** The backfill, if a migration requested it and it has not run since (the caller holds the start-up lock). */
  public int applyOnce() {
    // deleted first, in the caller's transaction: a failed backfill rolls back and stays pending
    if (jdbc.update("DELETE FROM OV_PENDING_STEP WHERE NAME = ?", STEP) == 0) {
      return 0;
    }
    return apply();
  }

  public int apply() {
    Set<String> known = new HashSet<>(jdbc.queryForList("SELECT PROC_INST_ID FROM OV_SUPERVISION_CASE", String.class));
    int added = 0;
    for (String key : LadderTasks.CASE_PROCESSES) {
      for (int first = 0; ; first += PAGE) {
        var page = runtimeService.createProcessInstanceQuery().processDefinitionKey(key)
            .orderByProcessInstanceId().asc().listPage(first, PAGE);
        for (ProcessInstance p : page) {
          if (!known.contains(p.getId()) && p.getBusinessKey() != null) {
            register(p);
            added++;
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    if (added > 0) {
      LOG.info("Escalation ladder: {} running case(s) from before it put on the ladder", added);
    }
    return added;
  }

  private void register(ProcessInstance p) {
    Instant now = clock.instant();
    Map<String, Object> vars = runtimeService.getVariables(p.getId());
    SupervisionCase c = CaseLifecycle.fromVariables(p.getBusinessKey(), p.getId(), vars::get, now);
    cases.register(c, now);
    if (!vars.containsKey(EscalationVars.WARNING_LEVEL.name())
        || !WarningLevel.NONE.code().equals(vars.get(EscalationVars.WARNING_LEVEL.name()))) {
      runtimeService.setVariables(p.getId(), Map.of(EscalationVars.WARNING_LEVEL.name(), WarningLevel.NONE.code(),
          EscalationVars.WARNING_LEVEL_NAME.name(), WarningLevel.NONE.label()));
    }
    if (c.countyGroup() != null) { // the LadderTasks rule: the case's own tasks offered to its county group
      for (Task t : taskService.createTaskQuery().processInstanceId(p.getId()).taskCandidateGroup(c.countyGroup())
          .list()) {
        // the step's name as the diagram gives it (Tasklist shows a longer title, see supervision.TaskTitles)
        var step = repositoryService.getBpmnModelInstance(t.getProcessDefinitionId())
            .<org.camunda.bpm.model.bpmn.instance.FlowElement>getModelElementById(t.getTaskDefinitionKey());
        cases.openObligation(c.businessKey(), t.getId(), step != null && step.getName() != null ? step.getName() : t.getName(),
            org.ecobureau.oversight.calendar.WorkingDayCalendar.day(t.getDueDate()), now);
      }
    }
  }
}
