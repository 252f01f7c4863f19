package org.ecobureau.oversight.rectification;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/** The next 回头看: 3, 6 and 12 months after the closure was filed, at the start of that day. */
@Component("lookBackScheduler")
public class LookBackScheduler implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    int round = Vars.LOOK_BACK_ROUND.get(execution) + 1;
    LocalDate filed = LocalDate.ofInstant(Vars.CLOSURE_FILED_AT.get(execution).toInstant(), WorkingDayCalendar.ZONE);
    LocalDate due = filed.plusMonths(RectificationItemProcess.LOOK_BACK_MONTHS[round - 1]);
    Vars.LOOK_BACK_ROUND.set(execution, round);
    Vars.LOOK_BACK_AT.set(execution, WorkingDayCalendar.startOfDay(due));
  }
}
