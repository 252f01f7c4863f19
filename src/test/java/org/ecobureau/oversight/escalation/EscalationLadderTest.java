package org.ecobureau.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.ecobureau.oversight.supervision.TasklistFilters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The escalation ladder on real assignments, driven by the sweep's timer job and the engine
 * clock across the 2026 Mid-Autumn / National Day holidays, weekends and a make-up Saturday.
 */
@ProcessCoverage(atLeast = 0.9,
    excluding = {KeyTaskProcess.KEY, CountyAssignmentProcess.KEY, RectificationItemProcess.KEY,
        org.ecobureau.oversight.reporting.PeriodicReportProcess.KEY, SupervisionMeasureProcess.KEY})
class EscalationLadderTest extends ProcessTestSupport {

  @Autowired CaseRepository cases;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;

  // ------------------------------------------------------------------ helpers

  ProcessInstance assign(String county) {
    ProcessInstance pi = Assignments.startNext(runtimeService, "8.8.", "督办测试任务", county);
    deliverNotices(pi.getBusinessKey()); // the dispatch mail
    return pi;
  }

  /** Runs the sweep's timer job at 08:30 of that day, as the job executor would, and delivers the mails. */
  void sweepOn(LocalDate day, String businessKey) {
    sweepLadderOn(day);
    deliverNotices(businessKey);
  }

  WarningLevel level(String businessKey) {
    return cases.find(businessKey).orElseThrow().level();
  }

  /** The mails received whose subject starts so, once each (GreenMail keeps a copy per recipient). */
  List<MimeMessage> mails(String subjectPrefix) {
    Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      try {
        if (m.getSubject().startsWith(subjectPrefix)) {
          byId.putIfAbsent(m.getMessageID(), m);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new ArrayList<>(byId.values());
  }

  static List<String> to(MimeMessage m) throws Exception {
    return Arrays.stream(m.getAllRecipients()).map(Address::toString).sorted().toList();
  }

  void accept(ProcessInstance pi, String county) {
    completeAs(county, task(pi.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
  }

  /**
   * The lead unit approves the assignment's row of a periodic report with this 进度判定 (the whole
   * report is walked in PeriodicReportProcessTest): what reaches the ladder.
   */
  void reportAndApprove(ProcessInstance pi, String county, String period, String judgement) {
    ladder.reportApproved(pi.getBusinessKey(), judgement, "sthj");
  }

  @Autowired EscalationLadder ladder;
  @Autowired org.ecobureau.oversight.reporting.ReportingRound round;

  /**
   * November's reports, as the round opens them on the 20th: due Monday 2026-12-07 (the 5th is a
   * Saturday).
   */
  void openNovemberReports() {
    LocalDateTime now = LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDayCalendar.ZONE);
    setNow(LocalDateTime.of(2026, 11, 20, 7, 0));
    round.open(java.time.YearMonth.of(2026, 11));
    setNow(now); // the test's own day goes on (the report's due date does not depend on it)
  }

  List<String> eventTrail(String businessKey) {
    return cases.events(businessKey).stream().map(e -> e.from().code() + ">" + e.to().code()).toList();
  }

  @Autowired org.camunda.bpm.engine.FilterService filterService;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;

  /** Business keys of the tasks a user sees in a filter (with that user's authorizations). */
  List<String> warnedTasks(String filterId, String user) {
    identityService.setAuthentication(user,
        identityService.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
    try {
      List<Task> tasks = filterService.list(filterId);
      return tasks.stream().map(t -> runtimeService.createProcessInstanceQuery()
          .processInstanceId(t.getProcessInstanceId()).singleResult().getBusinessKey()).toList();
    } finally {
      identityService.clearAuthentication();
    }
  }

  Task taskOf(String processKey, String businessKey) {
    return taskService.createTaskQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey)
        .singleResult();
  }

  // ------------------------------------------------------------------ the clock

  @Test
  void eachRungIsReachedByTheClockOnWorkingDaysOnlyAndMailedOnce() throws Exception {
    setNow(LocalDateTime.of(2026, 9, 21, 9, 0)); // Monday
    ProcessInstance pi = assign("anding");
    String bk = pi.getBusinessKey();
    // 签收 due in 3 working days: Thu 2026-09-24; then 中秋 (25–27) and 国庆 (1–7 Oct) holidays.
    assertThat(task(pi.getId()).getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 9, 24)));

    Map<LocalDate, WarningLevel> expected = new java.util.LinkedHashMap<>();
    expected.put(LocalDate.of(2026, 9, 21), WarningLevel.REMINDER);  // due within 3 working days
    expected.put(LocalDate.of(2026, 9, 24), WarningLevel.REMINDER);  // the due date itself
    expected.put(LocalDate.of(2026, 9, 25), WarningLevel.REMINDER);  // 中秋: a holiday, no sweep
    expected.put(LocalDate.of(2026, 9, 27), WarningLevel.REMINDER);  // Sunday
    expected.put(LocalDate.of(2026, 9, 28), WarningLevel.OVERDUE);   // the working day after the miss
    expected.put(LocalDate.of(2026, 10, 8), WarningLevel.OVERDUE);   // 4 working days late (after 国庆)
    expected.put(LocalDate.of(2026, 10, 9), WarningLevel.YELLOW);    // 5 working days late
    expected.put(LocalDate.of(2026, 10, 11), WarningLevel.YELLOW);   // Sunday
    expected.put(LocalDate.of(2026, 10, 21), WarningLevel.YELLOW);   // 14 (Sat 10-10 was a make-up working day)
    expected.put(LocalDate.of(2026, 10, 22), WarningLevel.RED);      // 15 working days late
    for (var e : expected.entrySet()) {
      sweepOn(e.getKey(), bk);
      sweepOn(e.getKey(), bk); // a second cycle the same day changes and mails nothing
      assertThat(level(bk)).as("level on %s", e.getKey()).isEqualTo(e.getValue());
    }
    sweepOn(LocalDate.of(2026, 10, 23), bk);

    assertThat(eventTrail(bk)).containsExactly("none>reminder", "reminder>overdue", "overdue>yellow", "yellow>red");
    assertThat(cases.events(bk)).extracting(e -> WorkingDayCalendar.day(java.util.Date.from(e.at())))
        .containsExactly(LocalDate.of(2026, 9, 21), LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 9),
            LocalDate.of(2026, 10, 22));

    // one mail per rung, to the people that rung concerns
    assertThat(mails("【临期提醒】")).singleElement().satisfies(m ->
        assertThat(to(m)).containsExactly("anding@demo.oversight.local"));
    assertThat(mails("【逾期催办】")).singleElement().satisfies(m ->
        assertThat(to(m)).containsExactly("anding@demo.oversight.local", "sthj@demo.oversight.local"));
    assertThat(mails("【黄牌预警】")).singleElement().satisfies(m ->
        assertThat(to(m)).contains("lead@demo.oversight.local").doesNotContain("supervisor@demo.oversight.local"));
    assertThat(mails("【红牌督办】")).singleElement().satisfies(m -> {
      assertThat(to(m)).contains("anding@demo.oversight.local", "sthj@demo.oversight.local",
          "lead@demo.oversight.local", "supervisor@demo.oversight.local");
      assertThat((String) m.getContent()).contains("逾期 15 个工作日").contains("安定区");
    });
    assertThat(mails("【")).hasSize(5); // dispatch + 4 rungs

    // the level is a process variable, each change in history
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevel")).isEqualTo("red");
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevelName")).isEqualTo("红牌督办");
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
        .filteredOn(d -> ((HistoricVariableUpdate) d).getVariableName().equals("warningLevel"))
        .extracting(d -> ((HistoricVariableUpdate) d).getValue())
        .containsExactly("none", "reminder", "overdue", "yellow", "red");

    // red asks a lead for the measure (no summons by itself); the lead chooses 约谈: the lead records
    // it, the county owes a written report in 30 working days
    Task measure = taskOf(SupervisionMeasureProcess.KEY, bk);
    assertThat(measure.getTaskDefinitionKey()).isEqualTo("decideSupervisionMeasure");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SummonsProcess.KEY)
        .processInstanceBusinessKey(bk).count()).isZero();
    completeAs("lead", measure, Map.of("supervisionMeasure", "summons", "measureNote", "约谈区政府分管负责人"));
    List<Task> summonsTasks = taskService.createTaskQuery().processDefinitionKey(SummonsProcess.KEY)
        .processInstanceBusinessKey(bk).orderByTaskName().asc().list();
    assertThat(summonsTasks).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("recordSummons", "submitWrittenReport");
    Task written = summonsTasks.stream().filter(t -> t.getTaskDefinitionKey().equals("submitWrittenReport"))
        .findFirst().orElseThrow();
    // decided on 2026-10-23 (the sweep's day): + 30 working days = 2026-12-04
    assertThat(written.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 12, 4)));
    assertThat(taskService.getIdentityLinksForTask(written.getId())).extracting(l -> l.getGroupId())
        .contains("county-anding");

    // the county catches up: the level comes down, recorded
    setNow(LocalDateTime.of(2026, 10, 23, 10, 0));
    accept(pi, "anding");
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
    assertThat(cases.events(bk)).last().satisfies(e -> {
      assertThat(e.from()).isEqualTo(WarningLevel.RED);
      assertThat(e.to()).isEqualTo(WarningLevel.NONE);
      assertThat(e.reason()).contains("签收任务").contains("预警解除");
      assertThat(e.actor()).isEqualTo("anding");
    });
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevel")).isEqualTo("none");
  }

  @Test
  void theLeadsCountyFilterListsTheCountysTasksAndTheCitysTasksAboutIt() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("tongwei");
    ProcessInstance other = assign("lintao");
    var county = filterService.createFilterQuery().filterName(TasklistFilters.BY_COUNTY + "通渭县").singleResult();
    assertThat(warnedTasks(county.getId(), "lead")).contains(pi.getBusinessKey()).doesNotContain(other.getBusinessKey());
    assertThat(warnedTasks(county.getId(), "supervisor")).contains(pi.getBusinessKey());
    // a county does not get the city's per-county filters
    assertThat(filterService.createFilterQuery().filterName(TasklistFilters.BY_COUNTY + "通渭县").list()).hasSize(1);
    identityService.setAuthentication("tongwei", List.of("county-tongwei"));
    try {
      assertThat(filterService.createFilterQuery().filterName(TasklistFilters.BY_COUNTY + "通渭县").count()).isZero();
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void theNextMissClimbsAgainFromTheBottom() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("tongwei");
    String bk = pi.getBusinessKey();
    var warned = filterService.createFilterQuery().filterName(TasklistFilters.WARNED).singleResult();
    assertThat(warnedTasks(warned.getId(), "sthj")).doesNotContain(bk);
    sweepOn(LocalDate.of(2026, 11, 6), bk); // 签收 due 11-05 missed
    assertThat(level(bk)).isEqualTo(WarningLevel.OVERDUE);
    // Tasklist's 已逾期/预警 filter lists the county's task for the lead unit and the leads
    assertThat(warnedTasks(warned.getId(), "sthj")).contains(bk);
    assertThat(warnedTasks(warned.getId(), "lead")).contains(bk);
    assertThat(warnedTasks(warned.getId(), "fgw")).doesNotContain(bk); // not a unit leading it
    assertThat(String.valueOf(warned.getProperties().get("variables"))).contains("warningLevelName", "预警等级");
    setNow(LocalDateTime.of(2026, 11, 6, 10, 0));
    String acceptTask = task(pi.getId()).getId();
    assertThat(authorizationService.createAuthorizationQuery().resourceType(org.camunda.bpm.engine.authorization
        .Resources.TASK).resourceId(acceptTask).groupIdIn("dept-sthj").count()).isEqualTo(1);
    accept(pi, "tongwei"); // caught up
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
    openNovemberReports(); // 通渭县's November report is due 2026-12-07
    // the lead unit's read grant went with the task
    assertThat(authorizationService.createAuthorizationQuery().resourceType(org.camunda.bpm.engine.authorization
        .Resources.TASK).resourceId(acceptTask).count()).isZero();

    sweepOn(LocalDate.of(2026, 12, 2), bk); // 3 working days before the report's due date
    assertThat(level(bk)).isEqualTo(WarningLevel.REMINDER);
    sweepOn(LocalDate.of(2026, 12, 8), bk); // the working day after the missed report: 逾期未报
    assertThat(level(bk)).isEqualTo(WarningLevel.OVERDUE);
    assertThat(mails("【逾期催办】")).hasSize(2); // one per miss
    assertThat(eventTrail(bk)).containsExactly("none>overdue", "overdue>none", "none>reminder", "reminder>overdue");
  }

  // ------------------------------------------------------------------ status class

  @Test
  void laggingReportsGiveYellowThenRedAndASecondYellowInAQuarterASupervisionLetter() throws Exception {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("longxi");
    String bk = pi.getBusinessKey();
    accept(pi, "longxi");

    setNow(LocalDateTime.of(2026, 12, 1, 9, 0));
    reportAndApprove(pi, "longxi", "2026-11", "序时推进");
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
    setNow(LocalDateTime.of(2027, 1, 4, 9, 0));
    reportAndApprove(pi, "longxi", "2026-12", "滞后");
    assertThat(level(bk)).isEqualTo(WarningLevel.YELLOW);
    setNow(LocalDateTime.of(2027, 2, 1, 9, 0));
    reportAndApprove(pi, "longxi", "2027-01", "序时推进"); // back on track
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OV_SUPERVISION_LETTER WHERE BUSINESS_KEY=?", Integer.class,
        bk)).isZero();

    setNow(LocalDateTime.of(2027, 3, 1, 9, 0));
    reportAndApprove(pi, "longxi", "2027-02", "滞后"); // second yellow this quarter
    assertThat(level(bk)).isEqualTo(WarningLevel.YELLOW);
    deliverNotices(bk);
    List<SupervisionLetters.Letter> letters = jdbc.query("SELECT ID FROM OV_SUPERVISION_LETTER WHERE BUSINESS_KEY=?",
        (rs, i) -> rs.getString(1), bk).stream().map(id -> supervisionLetters.find(id).orElseThrow()).toList();
    assertThat(letters).singleElement().satisfies(l -> {
      assertThat(l.letterNo()).startsWith("定环督函〔2027〕");
      assertThat(l.body()).startsWith("陇西县：").contains("两次被亮黄牌预警");
      assertThat(l.quarter()).isEqualTo("2027Q1");
    });
    assertThat(mails("【专函督办】")).singleElement().satisfies(m ->
        assertThat(to(m)).contains("longxi@demo.oversight.local", "lead@demo.oversight.local"));
    byte[] docx = supervisionLetters.docx(letters.get(0));
    try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx))) {
      assertThat(doc.getParagraphs().get(2).getText()).isEqualTo("陇西县：");
    }

    setNow(LocalDateTime.of(2027, 4, 1, 9, 0));
    reportAndApprove(pi, "longxi", "2027-03", "滞后"); // two in a row
    assertThat(level(bk)).isEqualTo(WarningLevel.RED);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SupervisionMeasureProcess.KEY)
        .processInstanceBusinessKey(bk).count()).isEqualTo(1);
    assertThat(eventTrail(bk)).containsExactly("none>yellow", "yellow>none", "none>yellow", "yellow>red");
    assertThat(cases.events(bk).get(3).reason()).isEqualTo("连续两次报告进展滞后");
    deliverNotices(bk);
    assertThat(mails("【黄牌预警】")).hasSize(2);
    assertThat(mails("【红牌督办】")).hasSize(1);
    assertThat(mails("【专函督办】")).hasSize(1);
  }

  @Autowired SupervisionLetters supervisionLetters;

  // ------------------------------------------------------------------ the completion deadline

  @Autowired org.ecobureau.oversight.supervision.BoardService board;

  String boardReason(String bk) {
    return board.items(org.ecobureau.oversight.supervision.BoardService.Scope.ALL, null, null, null, null,
        100_000, 0).stream().filter(i -> i.businessKey().equals(bk)).findFirst().orElseThrow().reason();
  }

  @Test
  void aCompletionDeadlinePassingWithoutAClaimIsOverdueUnfinishedAndClimbs() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("zhangxian"); // 完成时限 2027-06-30
    String bk = pi.getBusinessKey();
    accept(pi, "zhangxian");
    sweepOn(LocalDate.of(2027, 6, 25), bk); // 3 working days before the deadline
    assertThat(level(bk)).isEqualTo(WarningLevel.REMINDER);
    assertThat(cases.events(bk)).last().satisfies(e -> assertThat(e.reason()).contains("完成时限").contains("临近"));
    sweepOn(LocalDate.of(2027, 7, 1), bk);
    assertThat(level(bk)).isEqualTo(WarningLevel.OVERDUE);
    assertThat(cases.events(bk)).last().satisfies(e -> assertThat(e.reason()).startsWith("逾期未完成"));
    assertThat(boardReason(bk)).isEqualTo("逾期未完成");
    sweepOn(LocalDate.of(2027, 7, 7), bk); // 5 working days past
    assertThat(level(bk)).isEqualTo(WarningLevel.YELLOW);
    sweepOn(LocalDate.of(2027, 7, 21), bk); // 15 working days past
    assertThat(level(bk)).isEqualTo(WarningLevel.RED);
    assertThat(eventTrail(bk)).containsExactly("none>reminder", "reminder>overdue", "overdue>yellow", "yellow>red");

    // a completion claim ends the watch: the level falls with it
    setNow(LocalDateTime.of(2027, 7, 22, 9, 0));
    runtimeService.createMessageCorrelation(CountyAssignmentProcess.COMPLETION_CLAIMED_MESSAGE)
        .processInstanceBusinessKey(bk).setVariables(Map.of("claimType", "completed", "completionSummary", "完成"))
        .correlate();
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
  }

  @Test
  void anApprovedExtensionMovesTheCompletionDeadline() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("weiyuan");
    String bk = pi.getBusinessKey();
    accept(pi, "weiyuan");
    setNow(LocalDateTime.of(2027, 6, 21, 10, 0));
    ProcessInstance request = fileExtension("weiyuan", bk, LocalDate.of(2027, 9, 30));
    Task decide = taskOf(ExtensionRequestProcess.KEY, bk);
    assertThat(runtimeService.getVariable(request.getId(), "extendedTaskName")).isEqualTo("完成时限");
    completeAs("lead", decide, Map.of("extensionDecision", "approve"));
    assertThat(cases.find(bk).orElseThrow().deadline()).isEqualTo(LocalDate.of(2027, 9, 30));
    assertThat(runtimeService.getVariable(pi.getId(), "deadline"))
        .isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2027, 9, 30)));
    sweepOn(LocalDate.of(2027, 7, 1), bk); // the old deadline has passed: nothing happens
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
  }

  // ------------------------------------------------------------------ extension requests

  ProcessInstance fileExtension(String user, String bk, LocalDate to) {
    identityService.setAuthentication(user,
        identityService.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
    try {
      return runtimeService.startProcessInstanceByKey(ExtensionRequestProcess.KEY, Map.of(
          "itemKey", bk, "requestedDue", WorkingDayCalendar.endOfDay(to), "extensionReason", "汛期施工受阻"));
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void approvedExtensionMovesTheDueDateAndRestartsTheLadder() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("weiyuan");
    String bk = pi.getBusinessKey();
    sweepOn(LocalDate.of(2026, 11, 2), bk);
    assertThat(level(bk)).isEqualTo(WarningLevel.REMINDER); // 签收 due Thu 11-05

    setNow(LocalDateTime.of(2026, 11, 4, 10, 0));
    ProcessInstance request = fileExtension("weiyuan", bk, LocalDate.of(2026, 11, 12));
    assertThat(request.getBusinessKey()).isEqualTo(bk);
    Task decide = taskOf(ExtensionRequestProcess.KEY, bk);
    assertThat(decide.getTaskDefinitionKey()).isEqualTo("decideExtension");
    assertThat(taskService.getIdentityLinksForTask(decide.getId())).extracting(l -> l.getGroupId()).contains("lead");
    completeAs("lead", decide, Map.of("extensionDecision", "approve"));

    assertThat(request).isEnded().hasPassed("applyExtension", "extensionApproved");
    assertThat(task(pi.getId()).getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 12)));
    assertThat(cases.find(bk).orElseThrow().dueDate()).isEqualTo(LocalDate.of(2026, 11, 12));
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
    assertThat(cases.events(bk)).last().satisfies(e -> assertThat(e.reason()).contains("延期获批")
        .contains("2026年11月5日").contains("2026年11月12日"));

    sweepOn(LocalDate.of(2026, 11, 6), bk); // the old date has passed: nothing happens
    assertThat(level(bk)).isEqualTo(WarningLevel.NONE);
    sweepOn(LocalDate.of(2026, 11, 9), bk); // 3 working days before the new date: reminded again
    assertThat(level(bk)).isEqualTo(WarningLevel.REMINDER);
    assertThat(mails("【临期提醒】")).hasSize(2);
    assertThat(mails("【延期已批准】")).singleElement();
  }

  @Test
  void refusedExtensionChangesNothing() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("lintao");
    String bk = pi.getBusinessKey();
    ProcessInstance request = fileExtension("lintao", bk, LocalDate.of(2026, 11, 20));
    assertThatThrownBy(() -> completeAs("lead", taskOf(ExtensionRequestProcess.KEY, bk),
        Map.of("extensionDecision", "refuse")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("不予延期的理由");
    completeAs("lead", taskOf(ExtensionRequestProcess.KEY, bk),
        Map.of("extensionDecision", "refuse", "extensionComment", "签收无需延期"));

    assertThat(request).isEnded().hasPassed("extensionRefused").hasNotPassed("applyExtension");
    assertThat(task(pi.getId()).getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 5)));
    sweepOn(LocalDate.of(2026, 11, 6), bk);
    assertThat(level(bk)).isEqualTo(WarningLevel.OVERDUE);
    assertThat(mails("【延期未批准】")).singleElement().satisfies(m -> {
      try {
        assertThat((String) m.getContent()).contains("签收无需延期").contains("2026年11月5日");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void extensionFiledAfterTheDueDateIsRefusedAndRecordsNothing() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("zhangxian");
    String bk = pi.getBusinessKey();
    setNow(LocalDateTime.of(2026, 11, 6, 9, 0)); // 签收 was due 11-05
    assertThatThrownBy(() -> fileExtension("zhangxian", bk, LocalDate.of(2026, 11, 20)))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("已于 2026年11月5日 到期，延期申请须在到期前提出");
    // another county may not ask for this one either
    setNow(LocalDateTime.of(2026, 11, 3, 9, 0));
    assertThatThrownBy(() -> fileExtension("minxian", bk, LocalDate.of(2026, 11, 20)))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("不是本单位承办的事项");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ExtensionRequestProcess.KEY)
        .processInstanceBusinessKey(bk).count()).isZero();
    assertThat(task(pi.getId()).getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 5)));
    assertThat(cases.events(bk)).isEmpty();
  }

  // ------------------------------------------------------------------ by hand: red card, listing

  @Test
  void redCardByHandOpensTheSummonsAndIsWithdrawnWhenItIsDone() throws Exception {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("minxian");
    String bk = pi.getBusinessKey();
    accept(pi, "minxian");
    openNovemberReports(); // 岷县's November report is due 2026-12-07
    identityService.setAuthentication("lead", List.of("lead"));
    ProcessInstance summons;
    try {
      summons = runtimeService.startProcessInstanceByKey(SummonsProcess.KEY, Map.of("itemKey", bk,
          "flagSource", "媒体曝光", "summonsReason", "某媒体报道该县建筑工地扬尘污染严重"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(summons.getBusinessKey()).isEqualTo(bk);
    assertThat(level(bk)).isEqualTo(WarningLevel.RED);
    assertThat(cases.events(bk)).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("媒体曝光通报批评：某媒体报道该县建筑工地扬尘污染严重");
      assertThat(e.actor()).isEqualTo("lead");
    });
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SummonsProcess.KEY)
        .processInstanceBusinessKey(bk).count()).isEqualTo(1); // no second summons from the ladder

    // the written report's own timer: one 催办 when it runs out
    Job timer = managementService.createJobQuery().processInstanceId(summons.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 12, 14)));
    setNow(LocalDateTime.of(2026, 12, 15, 9, 0));
    managementService.executeJob(timer.getId());
    assertThat(summons).hasPassed("remindWrittenReport", "reminderSent");
    deliverNotices(bk);
    assertThat(mails("【书面说明逾期】")).singleElement();

    Task record = taskService.createTaskQuery().processInstanceId(summons.getId()).taskDefinitionKey("recordSummons")
        .singleResult();
    completeAs("lead", record, Map.of("summonsAt", WorkingDayCalendar.endOfDay(LocalDate.of(2026, 12, 16)),
        "summonsPlace", "市生态环境局会议室", "summonsAttendees", "岷县分管副县长", "summonsRecord", "指出问题，提出整改要求",
        "summonsHeldBy", "市生态环境局局长", "summonsForm", "面对面约谈"));
    Task written = taskService.createTaskQuery().processInstanceId(summons.getId())
        .taskDefinitionKey("submitWrittenReport").singleResult();
    assertThatThrownBy(() -> completeAs("minxian", written, Map.of("writtenReport", "已整改", "writtenReportBy", "李")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("至少 20 个字");
    assertThatThrownBy(() -> completeAs("minxian", written, Map.of("writtenReport",
        "已对全县在建工地开展拉网式排查，督促落实六个百分之百措施并建立长效机制", "writtenReportBy", "岷县生态环境分局")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("rectificationPledge");
    completeAs("minxian", written, Map.of("writtenReport", "已对全县在建工地开展拉网式排查，督促落实六个百分之百措施并建立长效机制",
        "rectificationPledge", "年底前全部整改到位，由分管副县长负责", "writtenReportBy", "岷县生态环境分局"));

    assertThat(summons).isEnded().hasPassed("summonsJoined", "summonsDone");
    // the card is withdrawn; what remains is November's report, 6 working days late on 12-15
    assertThat(level(bk)).isEqualTo(WarningLevel.YELLOW);
    assertThat(cases.events(bk)).last().satisfies(e -> {
      assertThat(e.from()).isEqualTo(WarningLevel.RED);
      assertThat(e.reason()).isEqualTo("约谈及书面说明已完成，撤销红牌，预警解除至「黄牌预警」");
      assertThat(e.actor()).isEqualTo("minxian");
    });
  }

  @Test
  void listingOrderedByLeadAsksForWeeklyReportsUntilLifted() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("anding");
    String bk = pi.getBusinessKey();
    accept(pi, "anding");
    identityService.setAuthentication("lead", List.of("lead"));
    ProcessInstance listing;
    try {
      listing = runtimeService.startProcessInstanceByKey(ListedSupervisionProcess.KEY,
          Map.of("itemKey", bk, "listingReason", "群众反映强烈，进展缓慢"));
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ListedSupervisionProcess.KEY,
          Map.of("itemKey", bk, "listingReason", "再次挂牌"))).isInstanceOf(FieldValidationException.class)
          .hasMessageContaining("已在挂牌督办中");
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(level(bk)).isEqualTo(WarningLevel.LISTED);
    deliverNotices(bk);
    assertThat(mails("【挂牌督办】")).singleElement();

    Task weekly = taskService.createTaskQuery().processInstanceId(listing.getId())
        .taskDefinitionKey("submitWeeklyReport").singleResult();
    assertThat(weekly.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 9)));
    completeAs("anding", weekly, Map.of("weeklyProgress", "完成 3 处整治"));
    Task next = taskService.createTaskQuery().processInstanceId(listing.getId())
        .taskDefinitionKey("submitWeeklyReport").singleResult();
    assertThat(next.getId()).isNotEqualTo(weekly.getId());
    assertThat(runtimeService.getVariable(listing.getId(), "week")).isEqualTo(2);

    // a lagging report while listed keeps it listed
    reportAndApprove(pi, "anding", "2026-11", "滞后");
    assertThat(level(bk)).isEqualTo(WarningLevel.LISTED);

    completeAs("lead", taskService.createTaskQuery().processInstanceId(listing.getId())
        .taskDefinitionKey("liftListing").singleResult(), Map.of("liftComment", "整改明显提速，解除挂牌"));
    assertThat(listing).isEnded().hasPassed("listingLifted");
    assertThat(level(bk)).isEqualTo(WarningLevel.YELLOW); // the lagging report remains
    assertThat(eventTrail(bk)).containsExactly("none>listed", "listed>yellow");
    assertThat(cases.events(bk).get(1).reason()).startsWith("解除挂牌督办：整改明显提速");
  }

  @Test
  void weeklyReportsStopWhenTheListedCaseClosesAndTheListingIsStillLiftedByTheLead() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("zhangxian");
    String bk = pi.getBusinessKey();
    identityService.setAuthentication("lead", List.of("lead"));
    ProcessInstance listing;
    try {
      listing = runtimeService.startProcessInstanceByKey(ListedSupervisionProcess.KEY,
          Map.of("itemKey", bk, "listingReason", "进展缓慢"));
    } finally {
      identityService.clearAuthentication();
    }
    runtimeService.deleteProcessInstance(pi.getId(), "任务调整，撤销交办");
    completeAs("zhangxian", taskService.createTaskQuery().processInstanceId(listing.getId())
        .taskDefinitionKey("submitWeeklyReport").singleResult(), Map.of("weeklyProgress", "已完成"));
    assertThat(listing).hasPassed("weeklyReportingEnded").isNotEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(listing.getId()).taskDefinitionKey("submitWeeklyReport")
        .count()).isZero();
    completeAs("lead", taskService.createTaskQuery().processInstanceId(listing.getId())
        .taskDefinitionKey("liftListing").singleResult(), Map.of("liftComment", "事项已撤销"));
    assertThat(listing).isEnded().hasPassed("listingLifted");
  }

  @Autowired EscalationSweepProcess.LadderSweep ladderSweep;

  @Test
  void aBigSweepRunsInBatchesThatEachCommitOnTheirOwn() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(assign("weiyuan").getBusinessKey());
    }
    ladderSweep.setBatchSize(2);
    try {
      setNow(LocalDate.of(2026, 11, 6).atTime(8, 30)); // 签收 due 11-05 missed by all five
      Job timer = managementService.createJobQuery().processDefinitionKey(EscalationSweepProcess.KEY).timers()
          .singleResult();
      managementService.executeJob(timer.getId());
      String sweepId = null;
      int batches = 0;
      Job batch;
      while ((batch = managementService.createJobQuery().processDefinitionKey(EscalationSweepProcess.KEY).messages()
          .singleResult()) != null) {
        sweepId = batch.getProcessInstanceId();
        managementService.executeJob(batch.getId()); // one transaction each
        batches++;
      }
      assertThat(keys).allSatisfy(k -> assertThat(level(k)).isEqualTo(WarningLevel.OVERDUE));
      // every batch but the last was full (2 raised), the last one was not, so the sweep ended
      List<Object> raised = historyService.createHistoricDetailQuery().processInstanceId(sweepId).variableUpdates()
          .list().stream().filter(d -> ((HistoricVariableUpdate) d).getVariableName().equals("raised"))
          .map(d -> ((HistoricVariableUpdate) d).getValue()).toList();
      assertThat(batches).isGreaterThanOrEqualTo(3).isEqualTo(raised.size());
      assertThat(raised.subList(0, raised.size() - 1)).containsOnly(2);
      assertThat((Integer) raised.get(raised.size() - 1)).isLessThan(2);
      assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(sweepId)
          .activityId("sweepDone").count()).isEqualTo(1);
    } finally {
      ladderSweep.setBatchSize(500);
    }
  }

  @Test
  void closedAssignmentsLeaveTheLadder() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("tongwei");
    runtimeService.deleteProcessInstance(pi.getId(), "取消交办");
    assertThat(cases.find(pi.getBusinessKey()).orElseThrow().active()).isFalse();
    sweepOn(LocalDate.of(2026, 11, 20), pi.getBusinessKey());
    assertThat(level(pi.getBusinessKey())).isEqualTo(WarningLevel.NONE);
    assertThat(new ArrayList<>(cases.events(pi.getBusinessKey()))).isEmpty();
  }

  @Autowired CaseBackfill backfill;

  @Test
  void casesRunningFromBeforeTheLadderAreBackfilledOnce() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = assign("lintao");
    String bk = pi.getBusinessKey();
    // as an instance started by the previous release: no ladder row, no warningLevel
    jdbc.update("DELETE FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY=?", bk);
    runtimeService.removeVariables(pi.getId(), List.of("warningLevel", "warningLevelName"));

    assertThat(backfill.apply()).isEqualTo(1);
    SupervisionCase c = cases.find(bk).orElseThrow();
    assertThat(c.openTaskName()).isEqualTo("签收任务");
    assertThat(c.dueDate()).isEqualTo(LocalDate.of(2026, 11, 5));
    assertThat(c.countyGroup()).isEqualTo("county-lintao");
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevel")).isEqualTo("none");
    assertThat(backfill.apply()).isZero(); // again: adds nothing
    // at start-up it ran once for this database (the step migration V2 requested is done), and does not run again
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '2'"
        + " AND \"success\"", Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OV_PENDING_STEP WHERE NAME = 'ladder-backfill'",
        Integer.class)).isZero();
    jdbc.update("DELETE FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY=?", bk);
    assertThat(backfill.applyOnce()).isZero();
    assertThat(backfill.apply()).isEqualTo(1);

    sweepOn(LocalDate.of(2026, 11, 6), bk);
    assertThat(level(bk)).isEqualTo(WarningLevel.OVERDUE);
  }
}
