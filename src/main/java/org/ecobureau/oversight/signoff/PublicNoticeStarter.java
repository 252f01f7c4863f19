package org.ecobureau.oversight.signoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.calendar.Schedule;
import org.springframework.stereotype.Component;

/** Opens the public notice (公示): it ends after the configured number of working days. */
@Component("publicNoticeStarter")
public class PublicNoticeStarter implements JavaDelegate {

  private final Schedule schedule;

  public PublicNoticeStarter(Schedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Vars.PUBLIC_NOTICE_ENDS_AT.set(execution, schedule.due("publicNotice"));
    execution.removeVariable(Vars.OBJECTION.name());
  }
}
