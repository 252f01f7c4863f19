package org.ecobureau.oversight.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.supervision.CaseFile.Entry;
import org.ecobureau.oversight.supervision.CaseFile.Kind;
import org.ecobureau.oversight.supervision.CaseFileService.CaseFileNotFoundException;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 一案一档 read from the engine's history of a county assignment walked step by step. About the
 * case file, not about the diagrams' coverage: no {@code @ProcessCoverage} floor.
 */
class CaseFileServiceTest extends ProcessTestSupport {

  @Autowired HistoryService historyService;
  @Autowired CaseFileService caseFiles;

  // ------------------------------------------------------------------ helpers

  /** What the key task hands a county assignment. */
  ProcessInstance start(String county) {
    return Assignments.startNext(runtimeService, "8.8.", "测试任务", county);
  }

  @Autowired org.ecobureau.oversight.reporting.ReportingRound round;
  @Autowired org.ecobureau.oversight.reporting.ReportRepository reports;

  /** The case files here count their own rows: what an earlier test left running is removed. */
  @org.junit.jupiter.api.BeforeEach
  void nothingLeftRunning() {
    for (String key : List.of(org.ecobureau.oversight.reporting.PeriodicReportProcess.KEY, CountyAssignmentProcess.KEY)) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test reset"));
    }
  }

  /** The county's November report, as the round opens it. */
  String openNovemberReport(String county) {
    round.open(java.time.YearMonth.of(2026, 11));
    return org.ecobureau.oversight.reporting.PeriodicReportProcess.businessKey(county, java.time.YearMonth.of(2026, 11));
  }

  Task reportTask(String reportKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(reportKey).singleResult();
  }

  /** The county fills its row and files the report. */
  void fileRow(String county, String reportKey, String caseKey, int progress, boolean claim) {
    var row = reports.row(reportKey, caseKey).orElseThrow();
    reports.saveValues(org.ecobureau.oversight.reporting.RowValues.draft(row, progress, "完成排查并制定整改方案", null,
        null, null, claim, claim ? "completed" : null, claim ? "已全部完成整治并通过自查" : null));
    if (claim) {
      reports.insertFile(new org.ecobureau.oversight.reporting.ReportRepository.RowFile(java.util.UUID.randomUUID()
          .toString(), reportKey, caseKey, "验收照片.pdf", "application/pdf", 13, county, java.time.Instant.now()),
          "%PDF-1.4 test".getBytes());
    }
    completeAs(county, reportTask(reportKey), Map.of("filledBy", "李娜", "countyLeader", "王强"));
  }

  /** The lead unit decides the row and completes its review. */
  void reviewRow(String reportKey, String caseKey, String decision, String judgement, String comment) {
    reports.saveReview(reportKey, caseKey, decision, judgement, comment);
    completeAs("sthj", reportTask(reportKey), Map.of());
  }

  /** Calls the service as the /api filter would: with the user and their groups authenticated. */
  <T> T as(String userId, Supplier<T> call) {
    identityService.setAuthentication(userId,
        identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList());
    try {
      return call.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  static OffsetDateTime at(LocalDateTime t) {
    return t.atZone(WorkingDayCalendar.ZONE).toOffsetDateTime();
  }

  /** Sets the engine clock and returns the time, so the test knows when each step happened. */
  static LocalDateTime now(LocalDateTime t) {
    setNow(t);
    return t;
  }

  // ------------------------------------------------------------------ the case file

  @Test
  void wholeHistoryRowByRowWithWhoDecisionCommentEvidenceAndTimes() throws Exception {
    LocalDateTime started = now(START);
    ProcessInstance pi = start("anding");
    String bk = pi.getBusinessKey();

    LocalDateTime accepted = now(LocalDateTime.of(2026, 11, 2, 10, 0));
    completeAs("anding", task(pi.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    now(LocalDateTime.of(2026, 11, 20, 7, 0));
    String report = openNovemberReport("anding");
    LocalDateTime reported = now(LocalDateTime.of(2026, 11, 23, 9, 30));
    fileRow("anding", report, bk, 60, false);
    LocalDateTime returned = now(LocalDateTime.of(2026, 11, 24, 11, 0));
    reviewRow(report, bk, "return", null, "未附现场照片，请补充");
    LocalDateTime revised = now(LocalDateTime.of(2026, 11, 25, 15, 0));
    fileRow("anding", report, bk, 100, true);
    LocalDateTime approved = now(LocalDateTime.of(2026, 11, 26, 10, 0));
    reviewRow(report, bk, "approve", "已完成", null);
    LocalDateTime claimApproved = now(LocalDateTime.of(2026, 11, 27, 14, 0));
    completeAs("sthj", task(pi.getId()), Map.of("claimDecision", "approve"));

    // the running item, as the county sees it
    CaseFile running = as("anding", () -> caseFiles.caseFile(bk));
    assertThat(running.state()).isEqualTo(CaseFile.RUNNING);
    assertThat(running.endTime()).isNull();
    assertThat(running.entries()).hasSize(7);

    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    LocalDateTime elapsed = now(LocalDateTime.of(2026, 12, 7, 9, 0));
    managementService.executeJob(timer.getId());
    LocalDateTime signedOff = now(LocalDateTime.of(2026, 12, 8, 16, 30));
    completeAs("lead", task(pi.getId()), Map.of("signOffDecision", "approve"));

    CaseFile file = as("anding", () -> caseFiles.caseFile(bk));

    // header
    assertThat(file.businessKey()).isEqualTo(bk);
    assertThat(file.processInstanceId()).isEqualTo(pi.getId());
    assertThat(file.processDefinitionKey()).isEqualTo(CountyAssignmentProcess.KEY);
    assertThat(file.processName()).isEqualTo("任务办理");
    assertThat(file.code()).isEqualTo(bk.substring(3, bk.indexOf(':')));
    assertThat(file.title()).isEqualTo("测试任务" + file.code());
    assertThat(file.county()).isEqualTo("anding");
    assertThat(file.countyName()).isEqualTo("安定区");
    assertThat(file.state()).isEqualTo(CaseFile.FINISHED);
    assertThat(file.startTime()).isEqualTo(at(started));
    assertThat(file.endTime()).isEqualTo(at(signedOff));

    // row by row
    List<Entry> rows = file.entries();
    assertThat(rows).extracting(Entry::step).containsExactly(
        "任务已交办", "签收任务", "进展报送（2026年11月）", "审核进展报告（2026年11月）", "退回重报（2026年11月）",
        "审核进展报告（2026年11月）", "审核销号申请", "公示期满", "审签销号", "已销号");
    assertThat(rows).extracting(Entry::activityId).containsExactly(
        "assignmentDispatched", "acceptAssignment", "submitPeriodicReport", "reviewReportRows",
        "submitPeriodicReport", "reviewReportRows", "reviewCompletionClaim",
        "publicNoticeElapsed", "signOffAssignment", "assignmentSignedOff");
    assertThat(rows).extracting(Entry::kind).containsExactly(Kind.MILESTONE, Kind.TASK, Kind.TASK, Kind.TASK,
        Kind.TASK, Kind.TASK, Kind.TASK, Kind.MILESTONE, Kind.TASK, Kind.MILESTONE);
    assertThat(rows).extracting(Entry::userId).containsExactly(
        null, "anding", "anding", "sthj", "anding", "sthj", "sthj", null, "lead", null);
    assertThat(rows).extracting(Entry::userName).containsExactly(
        null, "安定区联络员", "安定区联络员", "市生态环境局审核员", "安定区联络员", "市生态环境局审核员",
        "市生态环境局审核员", null, "市局领导", null);
    assertThat(rows).extracting(Entry::time).containsExactly(
        at(started), at(accepted), at(reported), at(returned), at(revised), at(approved),
        at(claimApproved), at(elapsed), at(signedOff), at(signedOff));
    assertThat(rows).extracting(Entry::time).isSorted();
    assertThat(rows).extracting(Entry::decision).containsExactly(
        null, null, null, "退回", null, "通过", "通过", null, "通过", null);
    assertThat(rows).extracting(Entry::comment).containsExactly(
        null, null, null, "未附现场照片，请补充", null, null, null, null, null, null);
    assertThat(rows).extracting(Entry::evidence).containsExactly(
        List.of(), List.of(), List.of(), List.of(), List.of("验收照片.pdf"), List.of(), List.of(), List.of(),
        List.of(), List.of());

    assertThat(rows.get(1).fields()).containsExactly(Map.entry("责任人", "张伟"), Map.entry("联系电话", "13909321234"),
        Map.entry("签收答复", "签收"));
    assertThat(rows.get(2).fields()).containsEntry("报告期", "2026年11月").containsEntry("完成进度(%)", "60")
        .containsEntry("填报人", "李娜").doesNotContainKey("申请销号");
    assertThat(List.copyOf(rows.get(2).fields().keySet())).startsWith("报告期", "完成进度(%)", "序时进度(%)");
    assertThat(rows.get(4).fields()).containsEntry("完成进度(%)", "100").containsEntry("申请销号", "是")
        .containsEntry("完成情况说明", "已全部完成整治并通过自查");
    assertThat(rows.get(5).fields()).containsExactly(Map.entry("进度判定", "已完成"));
    assertThat(rows.get(3).fields()).isEmpty();
    assertThat(rows.get(8).fields()).isEmpty(); // signedOffBy / closure are the engine's own

    // the workbook has the same rows
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(CaseFileWorkbook.toBytes(file)))) {
      Sheet sheet = wb.getSheet(CaseFileWorkbook.SHEET);
      assertThat(sheet).isNotNull();
      DataFormatter fmt = new DataFormatter();
      assertThat(fmt.formatCellValue(sheet.getRow(0).getCell(0))).contains(bk).contains(file.title());
      int header = -1;
      for (Row r : sheet) {
        if ("序号".equals(fmt.formatCellValue(r.getCell(0)))) {
          header = r.getRowNum();
          break;
        }
      }
      assertThat(header).isPositive();
      List<String> columns = new ArrayList<>();
      sheet.getRow(header).forEach(c -> columns.add(fmt.formatCellValue(c)));
      assertThat(columns).containsExactlyElementsOf(CaseFileWorkbook.COLUMNS);
      assertThat(wb.getFontAt(sheet.getRow(header).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
      assertThat(sheet.getColumnWidth(7)).isGreaterThan(sheet.getColumnWidth(0));

      List<String> steps = new ArrayList<>();
      List<String> users = new ArrayList<>();
      for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        assertThat(fmt.formatCellValue(row.getCell(0))).isEqualTo(String.valueOf(r - header));
        steps.add(fmt.formatCellValue(row.getCell(2)));
        users.add(fmt.formatCellValue(row.getCell(3)));
      }
      assertThat(steps).containsExactlyElementsOf(rows.stream().map(Entry::step).toList());
      assertThat(users).containsExactly("", "安定区联络员（anding）", "安定区联络员（anding）",
          "市生态环境局审核员（sthj）", "安定区联络员（anding）", "市生态环境局审核员（sthj）",
          "市生态环境局审核员（sthj）", "", "市局领导（lead）", "");
      Row returnRow = sheet.getRow(header + 4);
      assertThat(fmt.formatCellValue(returnRow.getCell(1))).isEqualTo("2026-11-24 11:00");
      assertThat(fmt.formatCellValue(returnRow.getCell(4))).isEqualTo("退回");
      assertThat(fmt.formatCellValue(returnRow.getCell(5))).isEqualTo("未附现场照片，请补充");
      assertThat(returnRow.getCell(5).getCellStyle().getWrapText()).isTrue();
      Row claimRow = sheet.getRow(header + 5);
      assertThat(fmt.formatCellValue(claimRow.getCell(6))).isEqualTo("验收照片.pdf");
      assertThat(fmt.formatCellValue(claimRow.getCell(7))).contains("申请销号：是");
      assertThat(fmt.formatCellValue(sheet.getRow(header + 10).getCell(1))).isEqualTo("2026-12-08 16:30");
    }
  }

  @Test
  void objectionMilestoneCarriesTheObjectionText() {
    ProcessInstance pi = start("longxi");
    completeAs("longxi", task(pi.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    runtimeService.createMessageCorrelation(CountyAssignmentProcess.COMPLETION_CLAIMED_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .setVariables(Map.of("claimType", "completed", "completionSummary", "完成")).correlate();
    completeAs("sthj", task(pi.getId()), Map.of("claimDecision", "approve"));
    LocalDateTime objected = now(LocalDateTime.of(2026, 11, 4, 16, 0));
    runtimeService.createMessageCorrelation(CountyAssignmentProcess.OBJECTION_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable("objection", "群众反映河道仍有垃圾")
        .correlate();

    CaseFile file = as("lead", () -> caseFiles.caseFile(pi.getBusinessKey()));
    Entry objection = file.entries().get(file.entries().size() - 1);
    assertThat(objection.step()).isEqualTo("收到异议");
    assertThat(objection.kind()).isEqualTo(Kind.MILESTONE);
    assertThat(objection.time()).isEqualTo(at(objected));
    assertThat(objection.comment()).isEqualTo("群众反映河道仍有垃圾");
    assertThat(file.state()).isEqualTo(CaseFile.RUNNING);
    // no other row picked up the objection
    assertThat(file.entries().subList(0, file.entries().size() - 1)).extracting(Entry::comment).containsOnlyNulls();
  }

  // ------------------------------------------------------------------ who may read it

  @Test
  void aCountyReadsOnlyItsOwnCaseFilesLeadsAndSupervisorsAll() {
    String anding = start("anding").getBusinessKey();
    String tongwei = start("tongwei").getBusinessKey();

    assertThat(as("anding", () -> caseFiles.caseFile(anding)).countyName()).isEqualTo("安定区");
    assertThatThrownBy(() -> as("anding", () -> caseFiles.caseFile(tongwei)))
        .isInstanceOf(CaseFileNotFoundException.class);
    assertThat(as("tongwei", () -> caseFiles.caseFile(tongwei)).countyName()).isEqualTo("通渭县");
    assertThatThrownBy(() -> as("tongwei", () -> caseFiles.caseFile(anding)))
        .isInstanceOf(CaseFileNotFoundException.class);
    for (String user : List.of("lead", "supervisor", "sthj")) {
      assertThat(as(user, () -> caseFiles.caseFile(anding)).businessKey()).isEqualTo(anding);
      assertThat(as(user, () -> caseFiles.caseFile(tongwei)).businessKey()).isEqualTo(tongwei);
    }
    // another lead unit's reviewer does not lead these
    assertThatThrownBy(() -> as("zjj", () -> caseFiles.caseFile(anding))).isInstanceOf(CaseFileNotFoundException.class);
    // unknown items look the same as forbidden ones; nobody authenticated finds nothing
    assertThatThrownBy(() -> as("lead", () -> caseFiles.caseFile("KT-0.0.0:anding")))
        .isInstanceOf(CaseFileNotFoundException.class);
    assertThatThrownBy(() -> caseFiles.caseFile(anding)).isInstanceOf(CaseFileNotFoundException.class);

    // the caller's authentication is back in place afterwards
    as("anding", () -> {
      caseFiles.caseFile(anding);
      assertThat(identityService.getCurrentAuthentication().getUserId()).isEqualTo("anding");
      assertThat(identityService.getCurrentAuthentication().getGroupIds()).contains("county-anding");
      return null;
    });
  }

  @Test
  void mailNoticesSharingTheBusinessKeyAreNotTheItem() {
    ProcessInstance pi = start("weiyuan");
    // the acceptance mail is a send-notice instance with the same business key
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey())
        .count()).isGreaterThan(1);
    CaseFile file = as("lead", () -> caseFiles.caseFile(pi.getBusinessKey()));
    assertThat(file.processInstanceId()).isEqualTo(pi.getId());
    assertThat(file.entries()).extracting(Entry::step).containsExactly("任务已交办");
  }
}
