package org.ecobureau.oversight.escalation;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Execution listener of the assignment and rectification-item processes: on start the case is
 * put on the ladder (level none), on end (closed, or cancelled) it leaves the board.
 */
@Component("caseLifecycle")
public class CaseLifecycle implements ExecutionListener {

  private final CaseRepository cases;

  public CaseLifecycle(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (EVENTNAME_END.equals(execution.getEventName())) {
      cases.close(businessKey, now);
      return;
    }
    String reviewers = CountyAssignmentProcess.Vars.REVIEWER_GROUPS.get(execution);
    cases.register(new SupervisionCase(businessKey,
        businessKey.startsWith("RI-") ? SupervisionCase.RECTIFICATION : SupervisionCase.KEY_TASK,
        execution.getProcessInstanceId(), KeyTaskProcess.Vars.TASK_CODE.get(execution),
        KeyTaskProcess.Vars.TASK_TITLE.get(execution), CountyAssignmentProcess.Vars.COUNTY.get(execution),
        CountyAssignmentProcess.Vars.COUNTY_NAME.get(execution), CountyAssignmentProcess.Vars.COUNTY_GROUP.get(execution),
        "," + (reviewers == null ? "" : reviewers.replace(" ", "")) + ",",
        KeyTaskProcess.Vars.LEAD_UNIT_NAMES.get(execution),
        WorkingDayCalendar.day(KeyTaskProcess.Vars.DEADLINE.get(execution)), null, null, null,
        WarningLevel.NONE, 0, 0, false, false, true, now), now);
    EscalationVars.WARNING_LEVEL.set(execution, WarningLevel.NONE.code());
    EscalationVars.WARNING_LEVEL_NAME.set(execution, WarningLevel.NONE.label());
  }
}
