package org.ecobureau.oversight.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/** The one date parser, and the clock that follows the engine's. */
class DateParserTest {

  @Test
  void aDayIsIsoSlashedOrChinese() {
    assertThat(DateParser.day("2021-06-08")).contains(LocalDate.of(2021, 6, 8));
    assertThat(DateParser.day(" 2021/6/8 ")).contains(LocalDate.of(2021, 6, 8));
    assertThat(DateParser.day("2021年6月8日")).contains(LocalDate.of(2021, 6, 8));
    assertThat(DateParser.day("2021-02-30")).isEmpty();
    assertThat(DateParser.day("2021年6月底前")).isEmpty();
  }

  @Test
  void aPeriodIsExactlyYearAndMonth() {
    assertThat(DateParser.period("2026-10")).contains(YearMonth.of(2026, 10));
    assertThat(DateParser.period("2026-1")).isEmpty();
    assertThat(DateParser.period("2026-13")).isEmpty();
    assertThat(DateParser.period("2026-10-01")).isEmpty();
  }

  @Test
  void theClockBeanReadsTheEngineClock() {
    try {
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T01:00:00Z")));
      EngineClock clock = new EngineClock(WorkingDayCalendar.ZONE);
      assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
      assertThat(new WorkingDayCalendar("classpath*:calendar/cn-*.csv", clock).today())
          .isEqualTo(LocalDate.of(2026, 11, 30));
    } finally {
      ClockUtil.reset();
    }
  }
}
