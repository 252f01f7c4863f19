package org.ecobureau.oversight.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.escalation.CaseLifecycle;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.WarningLevel;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * One periodic report per party and period: the round opens one report per county (not one per
 * assignment), each lead unit reviews its own rows in one task and judges the pace, returned rows
 * come back alone, a claim in a row moves its assignment on, a report not filed is 逾期未报 on
 * every row. Its own database: the counts are of this test's assignments only.
 */
@ProcessCoverage(atLeast = 0.9, excluding = {KeyTaskProcess.KEY, CountyAssignmentProcess.KEY,
    "rectification-item", "send-notice", "escalation-sweep", "summons", "reporting-round", "supervision-measure"})
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=reporting",
    "spring.datasource.url=jdbc:h2:mem:reporting-test;DB_CLOSE_DELAY=-1"})
class PeriodicReportProcessTest extends ProcessTestSupport {

  @Autowired ReportingRound round;
  @Autowired ReportRepository reports;
  @Autowired CaseRepository cases;
  @Autowired OrgDirectory org;

  static final List<String> UNITS = List.of("sthj", "fgw", "gxj", "zjj", "jtj", "nyncj", "swj", "zrzyj", "lcj",
      "scjgj", "gaj", "czj");

  /** An assignment of {@code county} led by {@code unit}, accepted (so it reports). */
  ProcessInstance carried(String county, String unit, String cadence) {
    String code = Assignments.nextCode("7.7.");
    Map<String, Object> vars = Assignments.startVariables(code, "报送测试" + code, county, false);
    vars.put(KeyTaskProcess.Vars.LEAD_UNITS.name(), unit);
    vars.put(KeyTaskProcess.Vars.LEAD_UNIT_NAMES.name(), org.unitNames(List.of(unit)));
    vars.put(KeyTaskProcess.Vars.CADENCE.name(), cadence);
    // far enough that the completion deadline plays no part here (EscalationLadderTest watches it)
    vars.put(KeyTaskProcess.Vars.DEADLINE.name(), WorkingDayCalendar.endOfDay(LocalDate.of(2029, 12, 31)));
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(CountyAssignmentProcess.KEY,
        CountyAssignmentProcess.businessKey(code, county), vars);
    Task accept = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.complete(accept.getId(), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    return pi;
  }

  /** Each test counts its own reports and rows: what an earlier test left running is removed. */
  @org.junit.jupiter.api.BeforeEach
  void nothingLeftRunning() {
    for (String key : List.of(PeriodicReportProcess.KEY, CountyAssignmentProcess.KEY)) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test reset"));
    }
  }

  Task reportTask(String party, YearMonth period) {
    return taskService.createTaskQuery().processInstanceBusinessKey(PeriodicReportProcess.businessKey(party, period))
        .singleResult();
  }

  /** Fills every open row as a county would, through the rules the form's saves go through. */
  void fill(String reportKey, int progress) {
    for (ReportRow r : reports.rows(reportKey)) {
      if (r.editable()) {
        reports.saveValues(RowValues.draft(r, progress, "完成本期工作", null, "继续推进", null, false, null, null));
      }
    }
  }

  void submit(String county, Task task) {
    completeAs(county, task, Map.of("filledBy", "李娜", "countyLeader", "王强"));
  }

  void decide(String reportKey, String caseKey, String decision, String judgement, String comment) {
    reports.saveReview(reportKey, caseKey, decision, judgement, comment);
  }

  // ------------------------------------------------------------------ scale

  @Test
  void aMonthAtDingxiScaleMakesOneReportPerCountyAndOneReviewPerLeadUnitInvolved() {
    // 7 counties x 150 assignments, led by 12 units: 1,050 assignments (the old shape: 1,050 report tasks)
    List<String> counties = org.countyCodes();
    for (String county : counties) {
      for (int i = 0; i < 150; i++) {
        carried(county, UNITS.get(i % UNITS.size()), CaseLifecycleCadence.MONTHLY);
      }
    }
    YearMonth period = YearMonth.of(2026, 11);
    setNow(LocalDateTime.of(2026, 11, 20, 7, 0));
    assertThat(round.open(period)).isEqualTo(counties.size());
    assertThat(round.open(period)).as("a second round opens nothing").isZero();

    List<Task> reportTasks = taskService.createTaskQuery().processDefinitionKey(PeriodicReportProcess.KEY).list();
    assertThat(reportTasks).hasSize(counties.size());
    for (String county : counties) {
      String key = PeriodicReportProcess.businessKey(county, period);
      assertThat(reports.rows(key)).hasSize(150);
      Task t = reportTask(county, period);
      assertThat(t.getName()).isEqualTo(org.requireCounty(county).name() + " 2026年11月 重点任务及督察整改进展报送");
      assertThat(t.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 12, 7)));
      fill(key, 40);
      submit(county, t);
    }
    int expectedReviews = 0;
    for (String county : counties) {
      Set<String> units = new LinkedHashSet<>();
      reports.rows(PeriodicReportProcess.businessKey(county, period)).forEach(r -> units.add(r.reviewGroup()));
      expectedReviews += units.size();
    }
    long reviewTasks = taskService.createTaskQuery().processDefinitionKey(PeriodicReportProcess.KEY)
        .taskDefinitionKey(PeriodicReportProcess.Element.reviewReportRows.name()).count();
    assertThat(reviewTasks).isEqualTo(expectedReviews).isEqualTo(7 * 12).isLessThanOrEqualTo(100);
    // the whole month: 7 report tasks and 84 review tasks for 1,050 assignments
    assertThat(reportTasks.size() + reviewTasks).isLessThanOrEqualTo(100);
  }

  // ------------------------------------------------------------------ review per lead unit

  @Test
  void eachLeadUnitReviewsItsRowsReturnsOneAndOnlyThatRowComesBack() throws Exception {
    setNow(LocalDateTime.of(2027, 3, 2, 9, 0));
    ProcessInstance a = carried("minxian", "sthj", CaseLifecycleCadence.MONTHLY);
    ProcessInstance b = carried("minxian", "sthj", CaseLifecycleCadence.MONTHLY);
    ProcessInstance c = carried("minxian", "fgw", CaseLifecycleCadence.QUARTERLY);
    YearMonth period = YearMonth.of(2027, 3);
    setNow(LocalDateTime.of(2027, 3, 22, 7, 0));
    round.open(period);
    String key = PeriodicReportProcess.businessKey("minxian", period);
    assertThat(reports.rows(key)).extracting(ReportRow::caseKey)
        .containsExactly(a.getBusinessKey(), b.getBusinessKey(), c.getBusinessKey());
    Task report = reportTask("minxian", period);
    deliverNotices(key);
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("【定期报送】岷县 2027年3月 重点任务及督察整改进展报送");

    // incomplete rows refuse the submission, naming the row; nothing moves
    assertThatThrownBy(() -> submit("minxian", report)).isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("第1行").hasMessageContaining("完成进度");
    fill(key, 30);
    submit("minxian", report);

    List<Task> reviews = taskService.createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(PeriodicReportProcess.Element.reviewReportRows.name()).list();
    assertThat(reviews).hasSize(2);
    Task sthjReview = reviews.stream().filter(t -> groups(t).contains("dept-sthj")).findFirst().orElseThrow();
    Task fgwReview = reviews.stream().filter(t -> groups(t).contains("dept-fgw")).findFirst().orElseThrow();

    decide(key, a.getBusinessKey(), RowReviewGuard.APPROVE, ReportRow.LAGGING, null);
    assertThatThrownBy(() -> completeAs("sthj", sthjReview, Map.of())).isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("第2行").hasMessageContaining("尚未审核");
    decide(key, b.getBusinessKey(), RowReviewGuard.RETURN, null, "请补充整治村名单");
    completeAs("sthj", sthjReview, Map.of());
    decide(key, c.getBusinessKey(), RowReviewGuard.APPROVE, ReportRow.ON_PACE, null);
    completeAs("fgw", fgwReview, Map.of());

    // the reviewer judged 滞后: yellow on the ladder for that assignment alone
    assertThat(cases.find(a.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.YELLOW);
    assertThat(cases.find(c.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.NONE);

    Task back = task(reportTaskInstance(key));
    assertThat(back.getTaskDefinitionKey()).isEqualTo(PeriodicReportProcess.Element.resubmitReturnedRows.name());
    assertThat(reports.rows(key).stream().filter(ReportRow::editable).map(ReportRow::caseKey))
        .containsExactly(b.getBusinessKey());
    deliverNotices(key);
    assertThat(SMTP.getReceivedMessages()[1].getSubject()).startsWith("【退回重报】");
    assertThat((String) SMTP.getReceivedMessages()[1].getContent()).contains("请补充整治村名单");
    fill(key, 35);
    submit("minxian", back);
    Task again = task(reportTaskInstance(key));
    assertThat(groups(again)).containsExactly("dept-sthj");
    decide(key, b.getBusinessKey(), RowReviewGuard.APPROVE, ReportRow.ON_PACE, null);
    completeAs("sthj", again, Map.of());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PeriodicReportProcess.KEY)
        .processInstanceBusinessKey(key).count()).isZero();
    assertThat(reports.findReport(key).orElseThrow().state()).isEqualTo(PeriodicReport.CLOSED);

    // April: the quarterly row (季报) is not due; May: 滞后 again on a → red
    setNow(LocalDateTime.of(2027, 4, 20, 7, 0));
    round.open(YearMonth.of(2027, 4));
    String april = PeriodicReportProcess.businessKey("minxian", YearMonth.of(2027, 4));
    assertThat(reports.rows(april)).extracting(ReportRow::caseKey).containsExactly(a.getBusinessKey(), b.getBusinessKey());
    assertThat(reports.rows(april).get(0).workDone()).as("last period is reference, not the answer").isNull();
    fill(april, 35);
    submit("minxian", reportTask("minxian", YearMonth.of(2027, 4)));
    decide(april, a.getBusinessKey(), RowReviewGuard.APPROVE, ReportRow.LAGGING, null);
    decide(april, b.getBusinessKey(), RowReviewGuard.APPROVE, ReportRow.ON_PACE, null);
    completeAs("sthj", task(reportTaskInstance(april)), Map.of());
    assertThat(cases.find(a.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.RED);
  }

  // ------------------------------------------------------------------ claims and deadlines

  @Test
  void aRowClaimingCompletionSendsItsAssignmentToTheClaimReview() {
    setNow(LocalDateTime.of(2027, 5, 3, 9, 0));
    ProcessInstance a = carried("lintao", "sthj", CaseLifecycleCadence.MONTHLY);
    setNow(LocalDateTime.of(2027, 5, 20, 7, 0));
    round.open(YearMonth.of(2027, 5));
    String key = PeriodicReportProcess.businessKey("lintao", YearMonth.of(2027, 5));
    ReportRow row = reports.rows(key).get(0);
    reports.saveValues(RowValues.draft(row, 100, "全部完成", null, null, null, true, "completed", "已完成整治"));
    assertThatThrownBy(() -> submit("lintao", reportTask("lintao", YearMonth.of(2027, 5))))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("佐证材料");
    reports.insertFile(new ReportRepository.RowFile("f-1", key, a.getBusinessKey(), "验收照片.pdf", "application/pdf",
        10, "lintao", java.time.Instant.now()), "%PDF-1.4 x".getBytes());
    submit("lintao", reportTask("lintao", YearMonth.of(2027, 5)));

    Task claimReview = task(a.getId());
    assertThat(claimReview.getTaskDefinitionKey()).isEqualTo(CountyAssignmentProcess.Element.reviewCompletionClaim.name());
    assertThat(runtimeService.getVariable(a.getId(), "completionSummary")).isEqualTo("已完成整治");
    assertThat(runtimeService.getVariable(a.getId(), "claimReport")).isEqualTo(key);
    assertThat(cases.find(a.getBusinessKey()).orElseThrow()).extracting(c -> c.county()).isEqualTo("lintao");
  }

  @Test
  void aReportNotFiledIsOverdueOnEveryRowAndClimbs() {
    setNow(LocalDateTime.of(2027, 6, 1, 9, 0));
    ProcessInstance a = carried("zhangxian", "sthj", CaseLifecycleCadence.MONTHLY);
    ProcessInstance b = carried("zhangxian", "fgw", CaseLifecycleCadence.MONTHLY);
    setNow(LocalDateTime.of(2027, 6, 21, 7, 0));
    round.open(YearMonth.of(2027, 6));
    // due Mon 2027-07-05; the sweep on Tue 07-06 finds both rows 逾期未报
    sweepLadderOn(LocalDate.of(2027, 7, 6));
    assertThat(cases.find(a.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.OVERDUE);
    assertThat(cases.find(b.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.OVERDUE);
    sweepLadderOn(LocalDate.of(2027, 7, 12));
    assertThat(cases.find(a.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.YELLOW);
    // filing it is every row catching up
    String key = PeriodicReportProcess.businessKey("zhangxian", YearMonth.of(2027, 6));
    fill(key, 50);
    submit("zhangxian", reportTask("zhangxian", YearMonth.of(2027, 6)));
    assertThat(cases.find(a.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.NONE);
    assertThat(cases.find(b.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.NONE);
  }

  @Test
  void reportsAreDueOnTheFifthOrTheNextWorkingDayAcrossMayDayAndNationalDay() {
    assertThat(round.dueDate(YearMonth.of(2026, 4))).isEqualTo(LocalDate.of(2026, 5, 6));
    assertThat(round.dueDate(YearMonth.of(2026, 9))).isEqualTo(LocalDate.of(2026, 10, 8));
    assertThat(round.dueDate(YearMonth.of(2026, 10))).isEqualTo(LocalDate.of(2026, 11, 5));
    assertThat(ReportingRound.reportsIn(CaseLifecycleCadence.QUARTERLY, YearMonth.of(2026, 11))).isFalse();
    assertThat(ReportingRound.reportsIn(CaseLifecycleCadence.QUARTERLY, YearMonth.of(2026, 12))).isTrue();
    assertThat(ReportingRound.expectedProgress(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
        LocalDate.of(2026, 7, 2))).isEqualTo(50);
    assertThat(ReportingRound.expectedProgress(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
        LocalDate.of(2027, 1, 31))).as("past the deadline").isEqualTo(100);
  }

  // ------------------------------------------------------------------ helpers

  List<String> groups(Task t) {
    List<String> g = new ArrayList<>();
    taskService.getIdentityLinksForTask(t.getId()).forEach(l -> {
      if (l.getGroupId() != null) {
        g.add(l.getGroupId());
      }
    });
    return g;
  }

  String reportTaskInstance(String key) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PeriodicReportProcess.KEY)
        .processInstanceBusinessKey(key).singleResult().getId();
  }

  /** The cadences as the catalogue names them. */
  static final class CaseLifecycleCadence {
    static final String MONTHLY = CaseLifecycle.MONTHLY;
    static final String QUARTERLY = CaseLifecycle.QUARTERLY;
  }
}
