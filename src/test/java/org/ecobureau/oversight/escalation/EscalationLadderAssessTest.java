package org.ecobureau.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.EscalationLadder.Assessment;
import org.junit.jupiter.api.Test;

/**
 * {@link EscalationLadder#assess} alone: plain objects, no Spring, no engine. The ladder's
 * collaborators that {@code assess} does not use (repository, mail, letters, engine) are absent;
 * its reasons come from the real templates.
 * The durations are the shipped defaults: reminder 3, yellow 5, red 15 working days.
 */
class EscalationLadderAssessTest {

  private static final org.ecobureau.oversight.OversightProperties PROPERTIES =
      org.ecobureau.oversight.support.TestProperties.of(java.util.Map.of());

  private final EscalationLadder ladder = new EscalationLadder(null,
      new WorkingDayCalendar("classpath*:calendar/cn-*.csv"), PROPERTIES,
      null, null, null, org.ecobureau.oversight.support.TestProperties.texts(PROPERTIES),
      new org.ecobureau.oversight.calendar.EngineClock(WorkingDayCalendar.ZONE));

  /** Mon 2026-11-02; November 2026 has no holidays. */
  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

  private static SupervisionCase due(LocalDate due, int lagStreak, boolean flagged, boolean listed) {
    return new SupervisionCase("KT-1.1.1:anding", SupervisionCase.KEY_TASK, "pi", "1.1.1", "测试任务",
        "anding", "安定区", "county-anding", "dept-sthj", "市生态环境局", null, "task", "签收任务", due,
        WarningLevel.NONE, 0, lagStreak, flagged, listed, true, null);
  }

  private static SupervisionCase due(LocalDate due) {
    return due(due, 0, false, false);
  }

  @Test
  void withoutDueDateOrDriversTheCaseIsOnTrack() {
    assertThat(ladder.assess(due(null), MONDAY)).isEqualTo(new Assessment(WarningLevel.NONE, "按期推进"));
  }

  @Test
  void farFromTheDueDateNothingIsRaised() {
    // Wed 11-04 + 3 working days = Mon 11-09, still before Tue 11-10
    assertThat(ladder.assess(due(LocalDate.of(2026, 11, 10)), LocalDate.of(2026, 11, 4)).level())
        .isEqualTo(WarningLevel.NONE);
  }

  @Test
  void withinTheReminderWindowTheCaseIsReminded() {
    // Thu 11-05 + 3 working days = Tue 11-10, the due date
    assertThat(ladder.assess(due(LocalDate.of(2026, 11, 10)), LocalDate.of(2026, 11, 5)))
        .isEqualTo(new Assessment(WarningLevel.REMINDER, "「签收任务」将于 2026年11月10日 到期"));
    assertThat(ladder.assess(due(LocalDate.of(2026, 11, 10)), LocalDate.of(2026, 11, 10)).level())
        .as("on the due day itself").isEqualTo(WarningLevel.REMINDER);
  }

  @Test
  void overdueCountsWorkingDaysUpToYellowAndRed() {
    LocalDate due = MONDAY;
    assertThat(ladder.assess(due(due), LocalDate.of(2026, 11, 3)))
        .isEqualTo(new Assessment(WarningLevel.OVERDUE, "「签收任务」逾期 1 个工作日"));
    assertThat(ladder.assess(due(due), LocalDate.of(2026, 11, 8)))
        .as("the weekend does not count").isEqualTo(new Assessment(WarningLevel.OVERDUE, "「签收任务」逾期 4 个工作日"));
    assertThat(ladder.assess(due(due), LocalDate.of(2026, 11, 9)))
        .isEqualTo(new Assessment(WarningLevel.YELLOW, "「签收任务」逾期 5 个工作日"));
    assertThat(ladder.assess(due(due), LocalDate.of(2026, 11, 20)).level()).isEqualTo(WarningLevel.YELLOW);
    assertThat(ladder.assess(due(due), LocalDate.of(2026, 11, 23)))
        .isEqualTo(new Assessment(WarningLevel.RED, "「签收任务」逾期 15 个工作日"));
  }

  @Test
  void holidaysDoNotCountTowardsLateness() {
    // due Wed 2026-09-30; 10-01..10-07 are 国庆节 holidays, Sat 10-10 a make-up working day
    assertThat(ladder.assess(due(LocalDate.of(2026, 9, 30)), LocalDate.of(2026, 10, 8)))
        .isEqualTo(new Assessment(WarningLevel.OVERDUE, "「签收任务」逾期 1 个工作日"));
    assertThat(ladder.assess(due(LocalDate.of(2026, 9, 30)), LocalDate.of(2026, 10, 10)))
        .isEqualTo(new Assessment(WarningLevel.OVERDUE, "「签收任务」逾期 3 个工作日"));
  }

  @Test
  void laggingReportsRaiseToYellowThenRed() {
    assertThat(ladder.assess(due(null, 1, false, false), MONDAY))
        .isEqualTo(new Assessment(WarningLevel.YELLOW, "报告进展滞后"));
    assertThat(ladder.assess(due(null, 2, false, false), MONDAY))
        .isEqualTo(new Assessment(WarningLevel.RED, "连续两次报告进展滞后"));
    assertThat(ladder.assess(due(MONDAY, 1, false, false), LocalDate.of(2026, 11, 3)))
        .as("lagging outranks a one-day miss").isEqualTo(new Assessment(WarningLevel.YELLOW, "报告进展滞后"));
  }

  @Test
  void onEqualLevelsTheLaterDriverGivesTheReason() {
    assertThat(ladder.assess(due(MONDAY, 1, false, false), LocalDate.of(2026, 11, 9)))
        .isEqualTo(new Assessment(WarningLevel.YELLOW, "报告进展滞后"));
    assertThat(ladder.assess(due(MONDAY, 0, true, false), LocalDate.of(2026, 11, 23)))
        .isEqualTo(new Assessment(WarningLevel.RED, "被省级或媒体通报批评"));
  }

  @Test
  void aRedCardByHandAndAListingOutrankTheClock() {
    assertThat(ladder.assess(due(null, 0, true, false), MONDAY))
        .isEqualTo(new Assessment(WarningLevel.RED, "被省级或媒体通报批评"));
    assertThat(ladder.assess(due(null, 2, true, true), MONDAY))
        .isEqualTo(new Assessment(WarningLevel.LISTED, "市局挂牌督办"));
    assertThat(ladder.assess(due(MONDAY, 0, false, true), LocalDate.of(2026, 11, 23)).level())
        .isEqualTo(WarningLevel.LISTED);
  }

  @Test
  void aMissingTaskNameLeavesTheQuotesEmpty() {
    SupervisionCase c = new SupervisionCase("RI-ZY-1:anding", SupervisionCase.RECTIFICATION, "pi", "ZY-1", "问题",
        "anding", "安定区", "county-anding", "dept-sthj", "市生态环境局", null, null, null, MONDAY,
        WarningLevel.NONE, 0, 0, false, false, true, null);
    assertThat(ladder.assess(c, LocalDate.of(2026, 11, 3)).reason()).isEqualTo("「」逾期 1 个工作日");
  }
}
