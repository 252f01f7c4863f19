package org.ecobureau.oversight.escalation;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) on the lead unit's report review, after its guard: an approved report
 * brings its status class (已完成 / 序时推进 / 滞后) to the ladder, as the monthly dispatch would.
 */
@Component("laggingStatus")
public class LaggingStatus implements TaskListener {

  private final EscalationLadder ladder;

  public LaggingStatus(EscalationLadder ladder) {
    this.ladder = ladder;
  }

  @Override
  public void notify(DelegateTask task) {
    if (CountyAssignmentProcess.APPROVE.equals(Vars.REPORT_DECISION.get(task))) {
      ladder.reportApproved(task.getExecution().getProcessBusinessKey(), Vars.STATUS_CLASS.get(task),
          CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id());
    }
  }
}
