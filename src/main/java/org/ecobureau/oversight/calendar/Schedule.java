package org.ecobureau.oversight.calendar;

import java.util.Date;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Due and follow-up dates of user tasks, in working days from now, for the diagrams'
 * {@code camunda:dueDate} / {@code camunda:followUpDate} expressions
 * (e.g. {@code ${schedule.due('accept')}}).
 */
@Component("schedule")
public class Schedule {

  private final WorkingDayCalendar calendar;
  private final OversightProperties.Durations durations;

  public Schedule(WorkingDayCalendar calendar, OversightProperties properties) {
    this.calendar = calendar;
    this.durations = properties.durations();
  }

  public Date due(String step) {
    return calendar.workingDaysFromNow(days(step));
  }

  /** Follow-up: the working day before the due date (or today for one-day steps). */
  public Date followUp(String step) {
    return calendar.workingDaysFromNow(Math.max(0, days(step) - 1));
  }

  public Date acceptFollowUp() {
    return calendar.workingDaysFromNow(durations.acceptFollowUp());
  }

  public int days(String step) {
    return switch (step) {
      case "dispatch" -> durations.dispatch();
      case "accept" -> durations.accept();
      case "review" -> durations.review();
      case "revise" -> durations.revise();
      case "claim" -> durations.claim();
      case "signOff" -> durations.signOff();
      case "close" -> durations.close();
      case "publicNotice" -> durations.publicNotice();
      case "plan" -> durations.plan();
      case "lookBack" -> durations.lookBack();
      case "writtenReport" -> durations.writtenReport();
      case "summons" -> durations.summons();
      case "weeklyReport" -> durations.weeklyReport();
      case "extensionDecision" -> durations.extensionDecision();
      case "letterReply" -> durations.letterReply();
      default -> throw new IllegalArgumentException("Unknown step " + step);
    };
  }
}
