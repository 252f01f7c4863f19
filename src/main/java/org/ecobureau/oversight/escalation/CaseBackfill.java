package org.ecobureau.oversight.escalation;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start-up: puts on the ladder the assignments and items that were running before it existed
 * (an upgrade), with their county's open task. Once per database (recorded in OV_MIGRATION):
 * every instance started since registers itself. Cases already on it are left alone.
 */
@Component
public class CaseBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(CaseBackfill.class);
  private static final int PAGE = 1000;
  static final String MIGRATION = "ladder-backfill";

  private final JdbcTemplate jdbc;
  private final CaseRepository cases;
  private final RuntimeService runtimeService;
  private final TaskService taskService;

  public CaseBackfill(JdbcTemplate jdbc, CaseRepository cases, RuntimeService runtimeService, TaskService taskService) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  /** The backfill, unless it has run on this database before (the caller holds the start-up lock). */
  public int applyOnce() {
    Integer done = jdbc.queryForObject("SELECT COUNT(*) FROM OV_MIGRATION WHERE NAME = ?", Integer.class, MIGRATION);
    if (done != null && done > 0) {
      return 0;
    }
    int added = apply();
    jdbc.update("INSERT INTO OV_MIGRATION (NAME, RAN_AT) VALUES (?, ?)", MIGRATION,
        java.sql.Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
    return added;
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
    Instant now = ClockUtil.getCurrentTime().toInstant();
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
        cases.openObligation(c.businessKey(), t.getId(), t.getName(),
            org.ecobureau.oversight.calendar.WorkingDayCalendar.day(t.getDueDate()), now);
      }
    }
  }
}
