package org.ecobureau.oversight.reporting;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.calendar.DateParser;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * When a report task opens: the period it is for (the month after the last approved report, or
 * the current month for the first one), due by the 5th of the following month, to be taken up
 * from the 1st of that month.
 */
@Component("reportingPeriods")
public class ReportingPeriods implements TaskListener {

  public static final DateTimeFormatter PERIOD = DateParser.PERIOD;
  public static final int DUE_DAY = 5;

  private final ReportRepository reports;
  private final WorkingDayCalendar calendar;

  public ReportingPeriods(ReportRepository reports, WorkingDayCalendar calendar) {
    this.reports = reports;
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution().getProcessBusinessKey();
    YearMonth current = YearMonth.from(calendar.today());
    YearMonth period = reports.lastApprovedPeriod(businessKey)
        .map(p -> DateParser.period(p).orElseThrow().plusMonths(1))
        .orElse(current);
    Vars.EXPECTED_PERIOD.set(task, period.format(PERIOD));
    YearMonth following = period.plusMonths(1);
    task.setDueDate(WorkingDayCalendar.endOfDay(following.atDay(DUE_DAY)));
    task.setFollowUpDate(WorkingDayCalendar.startOfDay(following.atDay(1)));
  }
}
