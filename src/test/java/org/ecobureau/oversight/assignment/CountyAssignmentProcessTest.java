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
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Element;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every branch of county-assignment.bpmn, driven by the engine clock. */
@ProcessCoverage(atLeast = 0.9, excluding = KeyTaskProcess.KEY)
class CountyAssignmentProcessTest extends ProcessTestSupport {

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

  static Map<String, Object> decisionVars(String decisionVar, String decision, String commentVar, String comment) {
    Map<String, Object> v = new HashMap<>();
    v.put(decisionVar, decision);
    if (comment != null) {
      v.put(commentVar, comment);
    }
    return v;
  }

  Map<String, Object> claim(String type) {
    Map<String, Object> v = new HashMap<>();
    v.put("claimType", type);
    v.put("completionSummary", "已全部完成整治并通过自查");
    v.put("claimReport", "PR-test-2026-11");
    return v;
  }

  /** What a periodic report's row claiming completion does to the assignment (see PeriodicReportProcessTest). */
  void claimFromReport(ProcessInstance pi, String type) {
    runtimeService.createMessageCorrelation(CountyAssignmentProcess.COMPLETION_CLAIMED_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey()).setVariables(claim(type)).correlate();
  }

  /** Accept, claim completion from the periodic report, approve the claim. */
  ProcessInstance upToPublicNotice(String county, boolean standing, String claimType) {
    ProcessInstance pi = start(county, standing);
    accept(pi, county);
    assertThat(pi).isWaitingAt(Element.carryingOut.name());
    claimFromReport(pi, claimType);
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
  void returnedClaimReopensReporting() throws Exception {
    ProcessInstance pi = start("weiyuan", false);
    accept(pi, "weiyuan");
    claimFromReport(pi, CountyAssignmentProcess.CLAIM_COMPLETED);
    Task review = task(pi.getId());
    assertThat(review.getTaskDefinitionKey()).isEqualTo(Element.reviewCompletionClaim.name());
    assertThat(candidateGroups(taskService, review)).containsExactly("dept-sthj");
    completeAs("sthj", review, decisionVars("claimDecision", "return", "claimComment", "佐证材料不足"));

    assertThat(pi).isWaitingAt(Element.carryingOut.name());
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
    assertThat(pi).isWaitingAt(Element.carryingOut.name());
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
  }

  @Test
  void returnedSignOffReopensTheAssignment() {
    ProcessInstance pi = atPublicNotice("anding", false, CountyAssignmentProcess.CLAIM_COMPLETED);
    passPublicNotice(pi);
    completeAs("lead", task(pi.getId()),
        decisionVars("signOffDecision", "return", "signOffComment", "请补充第三方检测报告"));
    assertThat(pi).hasPassed(Element.signOffDecided.name()).isWaitingAt(Element.carryingOut.name());
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
  void tooLongValuesAreRefusedNamingTheFieldAndTheLimitBeforeTheDatabase() {
    ProcessInstance pi = start("anding", false);
    Map<String, Object> longPerson = Map.of("responsiblePerson", "张".repeat(51), "responsiblePhone", "13909321234");
    assertThatThrownBy(() -> completeAs("anding", task(pi.getId()), longPerson))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("责任人").hasMessageContaining("responsiblePerson").hasMessageContaining("最多 50 字");
    Map<String, Object> longReason = Map.of("acceptanceAnswer", "notConcerned", "notConcernedReason", "无".repeat(1001));
    assertThatThrownBy(() -> completeAs("anding", task(pi.getId()), longReason))
        .isInstanceOf(FieldValidationException.class)
        .hasMessageContaining("notConcernedReason").hasMessageContaining("最多 1000 字");
    assertThat(pi).isWaitingAt(Element.acceptAssignment.name());
  }

  @Test
  void notConcernedConfirmedByTheLeadUnitClosesTheAssignmentAsNotConcerned() {
    ProcessInstance pi = start("anding", false);
    completeAs("anding", task(pi.getId()),
        Map.of("acceptanceAnswer", "notConcerned", "notConcernedReason", "本区无化工园区"));
    Task confirm = task(pi.getId());
    assertThat(confirm.getTaskDefinitionKey()).isEqualTo(Element.confirmNotConcerned.name());
    assertThat(candidateGroups(taskService, confirm)).containsExactly("dept-sthj");
    assertThatThrownBy(() -> completeAs("sthj", confirm, Map.of("notConcernedDecision", "return")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("notConcernedComment");
    completeAs("sthj", confirm, Map.of("notConcernedDecision", "approve"));

    assertThat(pi).isEnded().hasPassed(Element.assignmentNotConcerned.name()).hasNotPassed(Element.carryingOut.name());
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("closure").singleResult().getValue()).isEqualTo("不涉及");
  }

  @Test
  void notConcernedRejectedGoesBackToAcceptanceWithTheReasonMailed() throws Exception {
    ProcessInstance pi = start("longxi", false);
    completeAs("longxi", task(pi.getId()),
        Map.of("acceptanceAnswer", "notConcerned", "notConcernedReason", "本县无此项工作"));
    completeAs("sthj", task(pi.getId()),
        Map.of("notConcernedDecision", "return", "notConcernedComment", "贵县有两处在建工业园区"));
    Task again = task(pi.getId());
    assertThat(again.getTaskDefinitionKey()).isEqualTo(Element.acceptAssignment.name());
    assertThat(pi).hasPassed(Element.notConcernedDecided.name()).hasNotPassed(Element.assignmentNotConcerned.name());
    deliverNotices(pi.getBusinessKey());
    MimeMessage reopened = SMTP.getReceivedMessages()[1];
    assertThat(reopened.getSubject()).startsWith("【重新办理】");
    assertThat((String) reopened.getContent()).contains("贵县有两处在建工业园区");
    accept(pi, "longxi");
    assertThat(pi).isWaitingAt(Element.carryingOut.name());
  }

  // ------------------------------------------------------------------ mail delivery

  @Test
  void mailServerDownRetriesThenRaisesAnIncidentAndLosesNothing() throws Exception {
    SMTP.stop();
    ProcessInstance pi = start("anding", false);
    accept(pi, "anding"); // the process goes on while the mail waits
    assertThat(pi).isWaitingAt(Element.carryingOut.name());

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
    // the failure says why in one line (no mail-stack trace of some 240 lines per attempt)
    assertThat(failed.getExceptionMessage()).startsWith("Mail server did not take notice").contains("Exception");
    assertThat(managementService.getJobExceptionStacktrace(job.getId()).lines().count()).isLessThan(5);
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
