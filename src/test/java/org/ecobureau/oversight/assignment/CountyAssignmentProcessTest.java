package org.ecobureau.oversight.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Element;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.reporting.ProgressReport;
import org.ecobureau.oversight.reporting.ReportRepository;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every branch of county-assignment.bpmn, driven by the engine clock. */
@ProcessCoverage(atLeast = 0.9, excluding = KeyTaskProcess.KEY)
class CountyAssignmentProcessTest extends ProcessTestSupport {

  @Autowired ReportRepository reports;
  @Autowired OrgDirectory org;
  @Autowired HistoryService historyService;

  // ------------------------------------------------------------------ helpers

  ProcessInstance start(String county, boolean standing) {
    String code = Assignments.nextCode("9.9.");
    return Assignments.start(runtimeService, code, "测试任务" + code, county, standing);
  }

  void accept(ProcessInstance pi, String county) {
    completeAs(county, task(pi.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
  }

  Map<String, Object> report(String period, int progress, String status, boolean wantsCompletion) {
    Map<String, Object> v = new HashMap<>();
    v.put("period", period);
    v.put("progress", progress);
    v.put("statusClass", status);
    v.put("workDone", "完成排查并制定整改方案");
    v.put("problems", "资金不足");
    v.put("nextSteps", "推进工程实施");
    v.put("filledBy", "李娜");
    v.put("countyLeader", "王强");
    v.put("wantsCompletion", wantsCompletion);
    return v;
  }

  void review(ProcessInstance pi, String decision, String comment) {
    completeAs("sthj", task(pi.getId()), decisionVars("reportDecision", decision, "reportComment", comment));
  }

  static Map<String, Object> decisionVars(String decisionVar, String decision, String commentVar, String comment) {
    Map<String, Object> v = new HashMap<>();
    v.put(decisionVar, decision);
    if (comment != null) {
      v.put(commentVar, comment);
    }
    return v;
  }

  Map<String, Object> claim(String type) {
    FileValue evidence = Variables.fileValue("验收照片.pdf").file("%PDF-1.4 test".getBytes())
        .mimeType("application/pdf").create();
    Map<String, Object> v = new HashMap<>();
    v.put("claimType", type);
    v.put("completionSummary", "已全部完成整治并通过自查");
    v.put("completionEvidence", evidence);
    return v;
  }

  /** Accept, report for November asking to claim, approve, claim, approve the claim. */
  ProcessInstance upToPublicNotice(String county, boolean standing, String claimType) {
    ProcessInstance pi = start(county, standing);
    accept(pi, county);
    completeAs(county, task(pi.getId()), report("2026-11", 100, "已完成", true));
    review(pi, "approve", null);
    completeAs(county, task(pi.getId()), claim(claimType));
    completeAs("sthj", task(pi.getId()), decisionVars("claimDecision", "approve", "claimComment", null));
    return pi;
  }

  /**
   * The late steps alone: an assignment started right before its public notice, with what the
   * earlier steps would have left (the county, its reviewers, the claim). The whole way there is
   * walked once, in {@link #cleanPathEndsSignedOffAfterThePublicNotice}.
   */
  ProcessInstance atPublicNotice(String county, boolean standing, String claimType) {
    String code = Assignments.nextCode("9.9.");
    Map<String, Object> vars = Assignments.startVariables(code, "测试任务" + code, county, standing);
    County c = org.requireCounty(county);
    Assignments.put(vars, CountyAssignmentProcess.Vars.COUNTY_NAME, c.name());
    Assignments.put(vars, CountyAssignmentProcess.Vars.COUNTY_GROUP, c.groupId());
    Assignments.put(vars, CountyAssignmentProcess.Vars.REVIEWER_GROUPS, "dept-sthj");
    Assignments.put(vars, CountyAssignmentProcess.Vars.RESPONSIBLE_PERSON, "张伟");
    Assignments.put(vars, CountyAssignmentProcess.Vars.RESPONSIBLE_PHONE, "13909321234");
    Assignments.put(vars, CountyAssignmentProcess.Vars.EXPECTED_PERIOD, "2026-12");
    vars.putAll(claim(claimType));
    return runtimeService.createProcessInstanceByKey(CountyAssignmentProcess.KEY)
        .businessKey(CountyAssignmentProcess.businessKey(code, county))
        .setVariables(vars)
        .startBeforeActivity(Element.startPublicNotice.name())
        .execute();
  }

  void passPublicNotice(ProcessInstance pi) {
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    // 5 working days from Mon 2026-11-02: Mon 2026-11-09 end of day.
    assertThat(timer.getDuedate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 9)));
    setNow(LocalDateTime.of(2026, 11, 9, 18, 0));
    managementService.executeJob(timer.getId());
  }

  static List<String> candidateGroups(org.camunda.bpm.engine.TaskService ts, Task t) {
    return ts.getIdentityLinksForTask(t.getId()).stream().map(IdentityLink::getGroupId)
        .filter(java.util.Objects::nonNull).toList();
  }

  // ------------------------------------------------------------------ branches

  @Test
  void acceptanceGoesToTheCountyWithThreeWorkingDaysAndMailsIt() throws Exception {
    ProcessInstance pi = start("tongwei", false);
    Task accept = task(pi.getId());
    assertThat(accept.getTaskDefinitionKey()).isEqualTo(Element.acceptAssignment.name());
    assertThat(candidateGroups(taskService, accept)).containsExactly("county-tongwei");
    // Mon 2026-11-02 + 3 working days = Thu 2026-11-05.
    assertThat(accept.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 5)));
    assertThat(accept.getFollowUpDate()).isNotNull();

    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(deliverNotices(pi.getBusinessKey())).isEqualTo(1);
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("tongwei@demo.oversight.local");
    assertThat(mails[0].getSubject()).startsWith("【任务交办】").contains("测试任务");
    String body = (String) mails[0].getContent();
    assertThat(body).contains("通渭县").contains("2026年11月5日")
        .contains("http://oversight.test/camunda/app/tasklist/default/#/?task=" + accept.getId());
  }

  @Test
  void approvedReportWithoutClaimOpensTheNextPeriod() {
    ProcessInstance pi = start("anding", false);
    accept(pi, "anding");
    Task first = task(pi.getId());
    assertThat(first.getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());
    assertThat(runtimeService.getVariable(pi.getId(), "expectedPeriod")).isEqualTo("2026-11");
    assertThat(first.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 12, 5)));

    completeAs("anding", first, report("2026-11", 30, "序时推进", false));
    Task review = task(pi.getId());
    assertThat(review.getTaskDefinitionKey()).isEqualTo(Element.reviewProgressReport.name());
    assertThat(candidateGroups(taskService, review)).containsExactly("dept-sthj");
    review(pi, "approve", null);

    Task next = task(pi.getId());
    assertThat(next.getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());
    assertThat(runtimeService.getVariable(pi.getId(), "expectedPeriod")).isEqualTo("2026-12");
    assertThat(next.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2027, 1, 5)));
    assertThat(pi).hasPassed(Element.completionWanted.name()).hasNotPassed(Element.claimCompletion.name());
    List<ProgressReport> rows = reports.findByBusinessKey(pi.getBusinessKey());
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(ProgressReport.APPROVED);
      assertThat(r.submittedBy()).isEqualTo("anding");
      assertThat(r.reviewedBy()).isEqualTo("sthj");
    });
  }

  @Test
  void returnedReportIsRevisedWithTheCommentMailedToTheCounty() throws Exception {
    ProcessInstance pi = start("longxi", false);
    accept(pi, "longxi");
    completeAs("longxi", task(pi.getId()), report("2026-11", 30, "序时推进", false));
    review(pi, "return", "未附现场照片，请补充");

    Task revise = task(pi.getId());
    assertThat(revise.getTaskDefinitionKey()).isEqualTo(Element.reviseProgressReport.name());
    assertThat(candidateGroups(taskService, revise)).containsExactly("county-longxi");
    deliverNotices(pi.getBusinessKey());
    MimeMessage returned = SMTP.getReceivedMessages()[1];
    assertThat(returned.getSubject()).startsWith("【退回重报】");
    assertThat((String) returned.getContent()).contains("未附现场照片，请补充")
        .contains("?task=" + revise.getId());

    // the same period may be reported again once returned
    setNow(START.plusDays(1));
    completeAs("longxi", revise, report("2026-11", 35, "序时推进", false));
    review(pi, "approve", null);
    assertThat(task(pi.getId()).getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());
    assertThat(reports.findByBusinessKey(pi.getBusinessKey())).extracting(ProgressReport::outcome)
        .containsExactly(ProgressReport.RETURNED, ProgressReport.APPROVED);
  }

  @Test
  void returnedClaimReopensReporting() throws Exception {
    ProcessInstance pi = start("weiyuan", false);
    accept(pi, "weiyuan");
    completeAs("weiyuan", task(pi.getId()), report("2026-11", 100, "已完成", true));
    review(pi, "approve", null);
    Task claim = task(pi.getId());
    assertThat(claim.getTaskDefinitionKey()).isEqualTo(Element.claimCompletion.name());
    completeAs("weiyuan", claim, claim(CountyAssignmentProcess.CLAIM_COMPLETED));
    completeAs("sthj", task(pi.getId()),
        decisionVars("claimDecision", "return", "claimComment", "佐证材料不足"));

    assertThat(task(pi.getId()).getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());
    assertThat(pi).hasPassed(Element.claimReviewed.name()).hasNotPassed(Element.startPublicNotice.name());
    deliverNotices(pi.getBusinessKey());
    MimeMessage reopened = SMTP.getReceivedMessages()[1];
    assertThat(reopened.getSubject()).startsWith("【重新办理】");
    assertThat((String) reopened.getContent()).contains("佐证材料不足");
  }

  @Test
  void cleanPathEndsSignedOffAfterThePublicNotice() {
    ProcessInstance pi = upToPublicNotice("lintao", false, CountyAssignmentProcess.CLAIM_COMPLETED);
    assertThat(pi).isWaitingAt(Element.publicNoticeRunning.name());
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();

    passPublicNotice(pi);
    Task signOff = task(pi.getId());
    assertThat(signOff.getTaskDefinitionKey()).isEqualTo(Element.signOffAssignment.name());
    assertThat(candidateGroups(taskService, signOff)).containsExactly("lead");
    completeAs("lead", signOff, decisionVars("signOffDecision", "approve", "signOffComment", null));

    assertThat(pi).isEnded().hasPassed(Element.publicNoticeElapsed.name(), Element.assignmentSignedOff.name())
        .hasNotPassed(Element.assignmentClosedAsStanding.name());
    var closure = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("closure").singleResult();
    assertThat(closure.getValue()).isEqualTo("已销号");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("signedOffBy").singleResult().getValue()).isEqualTo("lead");
  }

  @Test
  void standingTaskClosesAsLongTerm() {
    ProcessInstance pi = atPublicNotice("zhangxian", true, CountyAssignmentProcess.CLAIM_STANDING);
    passPublicNotice(pi);
    completeAs("lead", task(pi.getId()), decisionVars("signOffDecision", "approve", "signOffComment", null));
    assertThat(pi).isEnded().hasPassed(Element.assignmentClosedAsStanding.name());
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("closure").singleResult().getValue()).isEqualTo("长期坚持");
  }

  @Test
  void objectionDuringPublicNoticeReopensTheAssignment() {
    ProcessInstance pi = atPublicNotice("minxian", false, CountyAssignmentProcess.CLAIM_COMPLETED);
    runtimeService.createMessageCorrelation(CountyAssignmentProcess.OBJECTION_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable("objection", "群众反映河道仍有垃圾")
        .correlate();
    assertThat(pi).hasPassed(Element.objectionReceived.name()).hasNotPassed(Element.publicNoticeElapsed.name());
    assertThat(task(pi.getId()).getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
  }

  @Test
  void returnedSignOffReopensTheAssignment() {
    ProcessInstance pi = atPublicNotice("anding", false, CountyAssignmentProcess.CLAIM_COMPLETED);
    passPublicNotice(pi);
    completeAs("lead", task(pi.getId()),
        decisionVars("signOffDecision", "return", "signOffComment", "请补充第三方检测报告"));
    assertThat(pi).hasPassed(Element.signOffDecided.name()).isNotEnded();
    assertThat(task(pi.getId()).getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());
  }

  /** The public notice alone (started before its first step): 5 working days across a holiday. */
  @Test
  void publicNoticeAloneCountsWorkingDaysAcrossTheNationalDayHoliday() {
    setNow(LocalDateTime.of(2026, 9, 24, 16, 0));
    ProcessInstance pi = runtimeService.createProcessInstanceByKey(CountyAssignmentProcess.KEY)
        .businessKey("KT-9.8.1:anding")
        .setVariables(Map.of("taskCode", "9.8.1", "taskTitle", "单步测试", "county", "anding",
            "countyName", "安定区", "countyGroup", "county-anding", "reviewerGroups", "dept-sthj",
            "claimType", CountyAssignmentProcess.CLAIM_COMPLETED))
        .startBeforeActivity(Element.startPublicNotice.name())
        .execute();
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 10, 9)));
    setNow(LocalDateTime.of(2026, 10, 9, 18, 0));
    managementService.executeJob(timer.getId());
    assertThat(task(pi.getId()).getTaskDefinitionKey()).isEqualTo(Element.signOffAssignment.name());
    assertThat(pi).hasNotPassed(Element.acceptAssignment.name());
  }

  // ------------------------------------------------------------------ guards

  @Test
  void startWithoutCountyIsRefused() {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(CountyAssignmentProcess.KEY, "KT-1.1.1:",
        Map.of("taskCode", "1.1.1", "taskTitle", "x", "leadUnits", "sthj")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("county");
  }

  @Test
  void invalidPhoneIsRefusedAndTheTaskStays() {
    ProcessInstance pi = start("anding", false);
    Task accept = task(pi.getId());
    assertThatThrownBy(() -> completeAs("anding", accept,
        Map.of("responsiblePerson", "张伟", "responsiblePhone", "12345")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("responsiblePhone");
    assertThat(task(pi.getId()).getId()).isEqualTo(accept.getId());
    assertThat(runtimeService.getVariable(pi.getId(), "responsiblePhone")).isNull();
  }

  @Test
  void progressOutOfRangeEmptyFieldAndDuplicatePeriodAreRefusedWithoutChanges() {
    ProcessInstance pi = start("anding", false);
    accept(pi, "anding");
    Task t = task(pi.getId());

    assertThatThrownBy(() -> completeAs("anding", t, report("2026-11", 150, "序时推进", false)))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("progress").hasMessageContaining("0 到 100");
    Map<String, Object> noLeader = report("2026-11", 30, "序时推进", false);
    noLeader.put("countyLeader", "");
    assertThatThrownBy(() -> completeAs("anding", t, noLeader))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("countyLeader");
    assertThat(reports.findByBusinessKey(pi.getBusinessKey())).isEmpty();
    assertThat(runtimeService.getVariable(pi.getId(), "progress")).isNull();
    assertThat(task(pi.getId()).getId()).isEqualTo(t.getId());

    completeAs("anding", t, report("2026-10", 30, "序时推进", false));
    review(pi, "approve", null);
    assertThatThrownBy(() -> completeAs("anding", task(pi.getId()), report("2026-10", 40, "序时推进", false)))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("period").hasMessageContaining("已报送");
    assertThat(reports.findByBusinessKey(pi.getBusinessKey())).hasSize(1);
  }

  @Test
  void tooLongValuesAreRefusedNamingTheFieldAndTheLimitBeforeTheDatabase() {
    ProcessInstance pi = start("anding", false);
    Map<String, Object> longPerson = Map.of("responsiblePerson", "张".repeat(51), "responsiblePhone", "13909321234");
    assertThatThrownBy(() -> completeAs("anding", task(pi.getId()), longPerson))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("责任人").hasMessageContaining("responsiblePerson").hasMessageContaining("最多 50 字");
    accept(pi, "anding");
    Task t = task(pi.getId());

    Map<String, Object> longFiller = report("2026-10", 30, "序时推进", false);
    longFiller.put("filledBy", "李".repeat(10_000));
    assertThatThrownBy(() -> completeAs("anding", t, longFiller))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("填报人").hasMessageContaining("filledBy").hasMessageContaining("最多 100 字");
    Map<String, Object> longLeader = report("2026-10", 30, "序时推进", false);
    longLeader.put("countyLeader", "王".repeat(300));
    assertThatThrownBy(() -> completeAs("anding", t, longLeader))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("县区分管领导").hasMessageContaining("countyLeader").hasMessageContaining("最多 100 字");
    Map<String, Object> longProblems = report("2026-10", 30, "序时推进", false);
    longProblems.put("problems", "难".repeat(4001));
    assertThatThrownBy(() -> completeAs("anding", t, longProblems))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("problems").hasMessageContaining("最多 4000 字");
    assertThat(reports.findByBusinessKey(pi.getBusinessKey())).isEmpty();

    completeAs("anding", t, report("2026-10", 30, "序时推进", false));
    assertThatThrownBy(() -> review(pi, "return", "意".repeat(2001)))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("reportComment").hasMessageContaining("最多 2000 字");
  }

  @Test
  void returnWithoutCommentAndStandingClaimOnDatedTaskAreRefused() {
    ProcessInstance pi = start("anding", false);
    accept(pi, "anding");
    completeAs("anding", task(pi.getId()), report("2026-11", 100, "已完成", true));
    assertThatThrownBy(() -> review(pi, "return", null))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("reportComment");
    review(pi, "approve", null);
    assertThatThrownBy(() -> completeAs("anding", task(pi.getId()), claim(CountyAssignmentProcess.CLAIM_STANDING)))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("claimType");
    Map<String, Object> noEvidence = claim(CountyAssignmentProcess.CLAIM_COMPLETED);
    noEvidence.remove("completionEvidence");
    assertThatThrownBy(() -> completeAs("anding", task(pi.getId()), noEvidence))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("completionEvidence");
  }

  // ------------------------------------------------------------------ mail delivery

  @Test
  void mailServerDownRetriesThenRaisesAnIncidentAndLosesNothing() throws Exception {
    SMTP.stop();
    ProcessInstance pi = start("anding", false);
    accept(pi, "anding"); // the process goes on while the mail waits
    assertThat(task(pi.getId()).getTaskDefinitionKey()).isEqualTo(Element.submitProgressReport.name());

    String noticeId = runtimeService.createProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).singleResult().getId();
    Job job = managementService.createJobQuery().processInstanceId(noticeId).singleResult();
    for (int attempt = 0; attempt < 5; attempt++) {
      Job current = managementService.createJobQuery().jobId(job.getId()).singleResult();
      setNow(LocalDateTime.ofInstant(current.getDuedate() == null ? START.atZone(WorkingDayCalendar.ZONE).toInstant()
          : current.getDuedate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1));
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
    }
    Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).isZero();
    Incident incident = runtimeService.createIncidentQuery()
        .processInstanceId(failed.getProcessInstanceId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo(SendNoticeProcess.Element.deliverMail.name());

    // The operator fixes the server and retries in Cockpit: exactly one mail arrives.
    SMTP.start();
    managementService.setJobRetries(job.getId(), 1);
    managementService.executeJob(job.getId());
    assertThat(managementService.createJobQuery().jobId(job.getId()).count()).isZero();
    assertThat(runtimeService.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
    assertThat(deliverNotices(pi.getBusinessKey())).isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(SMTP.getReceivedMessages()[0].getSubject()).startsWith("【任务交办】");
  }
}
