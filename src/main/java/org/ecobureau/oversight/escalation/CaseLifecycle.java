package org.ecobureau.oversight.escalation;

import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.springframework.stereotype.Component;

/**
 * Execution listener of the assignment and rectification-item processes: on start the case is
 * put on the ladder (level none), on end (closed, or cancelled) it leaves the board.
 */
@Component("caseLifecycle")
public class CaseLifecycle implements ExecutionListener {

  /** Report cadences (报送频次); a rectification item reports monthly. */
  public static final String MONTHLY = "月报";
  public static final String QUARTERLY = "季报";

  private final CaseRepository cases;
  private final Clock clock;

  public CaseLifecycle(CaseRepository cases, Clock clock) {
    this.cases = cases;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    Instant now = clock.instant();
    if (EVENTNAME_END.equals(execution.getEventName())) {
      Object closure = execution.getVariable(CountyAssignmentProcess.Vars.CLOSURE.name());
      cases.close(businessKey, now, closure instanceof String c ? c : null);
      return;
    }
    if (cases.register(fromVariables(businessKey, execution.getProcessInstanceId(), execution::getVariable, now), now)) {
      Object cadence = execution.getVariable(KeyTaskProcess.Vars.CADENCE.name());
      cases.setCadenceAndStart(businessKey, QUARTERLY.equals(cadence) ? QUARTERLY : MONTHLY, now);
      // the party's share of the target when the lead split it at dispatch, else the task's own
      Object share = execution.getVariable(KeyTaskProcess.Vars.PARTY_TARGET.name());
      Object target = share instanceof String t && !t.isBlank() ? t : execution.getVariable(KeyTaskProcess.Vars.TARGET.name());
      if (target instanceof String t && !t.isBlank()) {
        cases.setTarget(businessKey, t.length() > 500 ? t.substring(0, 500) : t);
      }
    }
    EscalationVars.WARNING_LEVEL.set(execution, WarningLevel.NONE.code());
    EscalationVars.WARNING_LEVEL_NAME.set(execution, WarningLevel.NONE.label());
  }

  /** The case as a newly started instance's variables describe it (level none, no open task). */
  static SupervisionCase fromVariables(String businessKey, String processInstanceId,
      java.util.function.Function<String, Object> variable, Instant now) {
    String reviewers = (String) variable.apply(CountyAssignmentProcess.Vars.REVIEWER_GROUPS.name());
    return new SupervisionCase(businessKey,
        RectificationItemProcess.isBusinessKey(businessKey) ? SupervisionCase.RECTIFICATION : SupervisionCase.KEY_TASK,
        processInstanceId, (String) variable.apply(KeyTaskProcess.Vars.TASK_CODE.name()),
        (String) variable.apply(KeyTaskProcess.Vars.TASK_TITLE.name()),
        (String) variable.apply(CountyAssignmentProcess.Vars.COUNTY.name()),
        (String) variable.apply(CountyAssignmentProcess.Vars.COUNTY_NAME.name()),
        (String) variable.apply(CountyAssignmentProcess.Vars.COUNTY_GROUP.name()),
        "," + (reviewers == null ? "" : reviewers.replace(" ", "")) + ",",
        (String) variable.apply(KeyTaskProcess.Vars.LEAD_UNIT_NAMES.name()),
        WorkingDayCalendar.day((java.util.Date) variable.apply(KeyTaskProcess.Vars.DEADLINE.name())), null, null, null,
        WarningLevel.NONE, 0, 0, false, false, true, now);
  }
}
