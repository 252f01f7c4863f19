package org.ecobureau.oversight.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Working days on the shipped holiday files: weekends, public holidays and make-up days (调休). */
class WorkingDayCalendarTest {

  private final WorkingDayCalendar calendar = new WorkingDayCalendar("classpath*:calendar/cn-*.csv");

  @Test
  void weekendsAndHolidaysAreNotWorkingDaysButMakeUpDaysAre() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 20))).isTrue();   // Friday
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 21))).isFalse();  // Saturday
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();   // 国庆节
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();   // Saturday, 国庆节调休
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();    // Sunday, 调休
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).isTrue();    // Sunday, 春节调休
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 29))).isFalse();   // 春节
  }

  @Test
  void countingSkipsTheMidAutumnAndNationalDayHolidays() {
    // Thu 2026-09-24 + 5: 25–27 holiday, 28, 29, 30, 1–7 October holiday, 8, 9
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 24), 5)).isEqualTo(LocalDate.of(2026, 10, 9));
    // Fri 2026-10-09 + 1 = Sat 2026-10-10, a make-up working day
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 9), 1)).isEqualTo(LocalDate.of(2026, 10, 10));
    // Mon 2026-11-02 + 3 = Thu 2026-11-05; + 30 = Mon 2026-12-14
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 2), 3)).isEqualTo(LocalDate.of(2026, 11, 5));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 2), 30)).isEqualTo(LocalDate.of(2026, 12, 14));
  }
}
