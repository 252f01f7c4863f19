package org.ecobureau.oversight.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.support.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Schedule} on plain objects: working days from the engine clock, no Spring, no engine. */
class ScheduleTest {

  /** Every step a different number of days, so a mix-up shows. */
  private static final OversightProperties PROPERTIES = TestProperties.of(java.util.Map.ofEntries(
      java.util.Map.entry("oversight.durations.dispatch", 1), java.util.Map.entry("oversight.durations.accept", 2),
      java.util.Map.entry("oversight.durations.accept-follow-up", 1), java.util.Map.entry("oversight.durations.review", 3),
      java.util.Map.entry("oversight.durations.revise", 4), java.util.Map.entry("oversight.durations.claim", 5),
      java.util.Map.entry("oversight.durations.sign-off", 6), java.util.Map.entry("oversight.durations.close", 7),
      java.util.Map.entry("oversight.durations.public-notice", 8), java.util.Map.entry("oversight.durations.plan", 9),
      java.util.Map.entry("oversight.durations.look-back", 10), java.util.Map.entry("oversight.durations.written-report", 11),
      java.util.Map.entry("oversight.durations.summons", 12), java.util.Map.entry("oversight.durations.weekly-report", 13),
      java.util.Map.entry("oversight.durations.extension-decision", 14)));

  private final Schedule schedule = new Schedule(new WorkingDayCalendar("classpath*:calendar/cn-*.csv"), PROPERTIES);

  @BeforeEach
  void thursdayBeforeNationalDay() {
    // Wed 2026-09-30 10:00; 10-01..10-07 are holidays, Sat 10-10 is a make-up working day
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 9, 30, 10, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyStepHasItsOwnDuration() {
    assertThat(schedule.days("dispatch")).isEqualTo(1);
    assertThat(schedule.days("accept")).isEqualTo(2);
    assertThat(schedule.days("review")).isEqualTo(3);
    assertThat(schedule.days("revise")).isEqualTo(4);
    assertThat(schedule.days("claim")).isEqualTo(5);
    assertThat(schedule.days("signOff")).isEqualTo(6);
    assertThat(schedule.days("close")).isEqualTo(7);
    assertThat(schedule.days("publicNotice")).isEqualTo(8);
    assertThat(schedule.days("plan")).isEqualTo(9);
    assertThat(schedule.days("lookBack")).isEqualTo(10);
    assertThat(schedule.days("writtenReport")).isEqualTo(11);
    assertThat(schedule.days("summons")).isEqualTo(12);
    assertThat(schedule.days("weeklyReport")).isEqualTo(13);
    assertThat(schedule.days("extensionDecision")).isEqualTo(14);
  }

  @Test
  void anUnknownStepIsRefused() {
    assertThatThrownBy(() -> schedule.days("lunch")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lunch");
  }

  @Test
  void dueDatesSkipHolidaysAndFallAtTheEndOfTheWorkingDay() {
    // 1 working day after 09-30: Thu 10-08 (the holiday week does not count)
    assertThat(schedule.due("dispatch")).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 10, 8)));
    // 2: Fri 10-09; 3: Sat 10-10 (调休)
    assertThat(schedule.due("accept")).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 10, 9)));
    assertThat(schedule.due("review")).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 10, 10)));
  }

  @Test
  void followUpIsTheWorkingDayBeforeTheDueDateOrTodayForOneDaySteps() {
    assertThat(schedule.followUp("review")).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 10, 9)));
    assertThat(schedule.followUp("dispatch")).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 9, 30)));
    assertThat(schedule.acceptFollowUp()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 10, 8)));
  }
}
