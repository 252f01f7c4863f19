package org.ecobureau.oversight.rectification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts rectification items from the ledger (交办), with business key
 * {@code RI-<source>-<no>:<county>}; idempotent like the key-task starter.
 */
@Service
public class RectificationItemStarter {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final LedgerRepository ledger;
  private final OrgDirectory org;

  public RectificationItemStarter(RuntimeService runtimeService, HistoryService historyService,
      LedgerRepository ledger, OrgDirectory org) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.ledger = ledger;
    this.org = org;
  }

  @Transactional
  public Optional<ProcessInstance> start(String businessKey) {
    RectificationItem item = ledger.find(businessKey)
        .orElseThrow(() -> new IllegalArgumentException("No rectification item " + businessKey));
    return startLocked(item);
  }

  @Transactional
  public List<String> startAll() {
    List<String> started = new ArrayList<>();
    for (RectificationItem item : ledger.findActive()) {
      startLocked(item).ifPresent(p -> started.add(item.businessKey()));
    }
    return started;
  }

  private Optional<ProcessInstance> startLocked(RectificationItem item) {
    ledger.lockForStart(item.businessKey());
    if (historyService.createHistoricProcessInstanceQuery().processDefinitionKey(RectificationItemProcess.KEY)
        .processInstanceBusinessKey(item.businessKey()).count() > 0) {
      return Optional.empty();
    }
    return Optional.of(runtimeService.startProcessInstanceByKey(RectificationItemProcess.KEY,
        item.businessKey(), variables(item)));
  }

  VariableMap variables(RectificationItem item) {
    VariableMap v = Variables.createVariables()
        .putValue(Vars.SOURCE.name(), item.source())
        .putValue(Vars.SOURCE_CODE.name(), item.sourceCode())
        .putValue(Vars.ROUND.name(), item.round())
        .putValue(Vars.FEEDBACK_DATE.name(), WorkingDayCalendar.startOfDay(item.feedbackDate()))
        .putValue(Vars.PROBLEM_NO.name(), item.problemNo())
        .putValue(Vars.PROBLEM.name(), item.problem())
        .putValue(RectificationItemProcess.Vars.COUNTY.name(), item.county())
        .putValue(Vars.RESPONSIBLE_UNIT.name(), item.responsibleUnit())
        .putValue(Vars.RESPONSIBLE_LEADER.name(), item.responsibleLeader())
        .putValue(KeyTaskProcess.Vars.LEAD_UNITS.name(), item.leadUnit())
        .putValue(KeyTaskProcess.Vars.LEAD_UNIT_NAMES.name(), org.unitNames(List.of(item.leadUnit())))
        .putValue(Vars.ACCEPTANCE_UNIT.name(), item.acceptanceUnit())
        .putValue(Vars.LONG_TERM.name(), item.longTerm())
        .putValue(KeyTaskProcess.Vars.STANDING.name(), item.longTerm())
        .putValue("measures", item.measures());
    v.putValueTyped(KeyTaskProcess.Vars.DEADLINE.name(), Variables.dateValue(
        item.deadline() == null ? null : WorkingDayCalendar.endOfDay(item.deadline())));
    return v;
  }
}
