package org.ecobureau.oversight.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.identity.IdentitySetup;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Element;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every branch of rectification-item.bpmn (and file-objection.bpmn), driven by the engine clock. */
@ProcessCoverage(atLeast = 0.9, excluding = {KeyTaskProcess.KEY, CountyAssignmentProcess.KEY, SendNoticeProcess.KEY,
    org.ecobureau.oversight.escalation.SummonsProcess.KEY, org.ecobureau.oversight.escalation.SupervisionMeasureProcess.KEY,
    org.ecobureau.oversight.reporting.PeriodicReportProcess.KEY}) // a rebound opens the measure; covered elsewhere
class RectificationItemProcessTest extends ProcessTestSupport {

  @Autowired HistoryService historyService;
  private static int sequence;

  @Autowired org.ecobureau.oversight.escalation.CaseRepository cases;

  ProcessInstance start(String county, boolean longTerm) {
    String no = "T-" + (++sequence);
    Map<String, Object> v = new HashMap<>();
    v.put("source", "中央督察");
    v.put("sourceCode", "ZY");
    v.put("inspectionRound", "第二轮");
    v.put("problemNo", no);
    v.put("problem", "工业园区污水集中收集处理设施不完善，部分企业废水直排");
    v.put("county", county);
    v.put("responsibleUnit", "县生态环境分局");
    v.put("responsibleLeader", "赵副县长");
    v.put("leadUnits", "sthj");
    v.put("leadUnitNames", "市生态环境局");
    v.put("acceptanceUnit", "swj");
    v.put("longTerm", longTerm);
    v.put("deadline", longTerm ? null : WorkingDayCalendar.endOfDay(LocalDate.of(2027, 6, 30)));
    return runtimeService.startProcessInstanceByKey(RectificationItemProcess.KEY, "RI-ZY-" + no + ":" + county, v);
  }

  Map<String, Object> plan() {
    return new HashMap<>(Map.of("planMeasures", "新建园区污水管网3公里，企业废水接管", "planGoal", "园区废水全收集全处理",
        "planDeadline", "2027-06-30", "planLeader", "赵副县长"));
  }

  /** What a periodic report's row asking for acceptance (or closure) does to the item (see PeriodicReportProcessTest). */
  void claimFromReport(ProcessInstance pi) {
    runtimeService.createMessageCorrelation(RectificationItemProcess.CLAIMED_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey()).correlate();
  }

  static Map<String, Object> decide(String var, String value, String commentVar, String comment) {
    Map<String, Object> v = new HashMap<>();
    v.put(var, value);
    if (comment != null) {
      v.put(commentVar, comment);
    }
    return v;
  }

  Map<String, Object> acceptanceRequest() {
    return new HashMap<>(Map.of("selfCheck", "已完成管网建设，企业全部接管",
        "acceptanceEvidence", Variables.fileValue("验收报告.pdf").file("%PDF-1.4".getBytes()).mimeType("application/pdf").create()));
  }

  String key(Task t) {
    return t.getTaskDefinitionKey();
  }

  /** Plan approved, one report asking for acceptance, approved, acceptance requested. */
  ProcessInstance upToAcceptance(String county, boolean longTerm) {
    ProcessInstance pi = start(county, longTerm);
    completeAs(county, task(pi.getId()), plan());
    completeAs("lead", task(pi.getId()), decide("planDecision", "approve", "planComment", null));
    assertThat(pi).isWaitingAt(Element.rectifying.name());
    claimFromReport(pi);
    assertThat(key(task(pi.getId()))).isEqualTo(Element.requestAcceptance.name());
    completeAs(county, task(pi.getId()), acceptanceRequest());
    return pi;
  }

  void passNotice(ProcessInstance pi) {
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    setNow(LocalDateTime.ofInstant(timer.getDuedate().toInstant(), WorkingDayCalendar.ZONE).plusHours(1));
    managementService.executeJob(timer.getId());
  }

  /** Acceptance passed, notice passed, signed off: waiting for the first look-back. */
  ProcessInstance upToLookBacks(String county) {
    ProcessInstance pi = upToAcceptance(county, false);
    completeAs("swj", task(pi.getId()), decide("acceptanceDecision", "approve", "acceptanceComment", null));
    passNotice(pi);
    completeAs("lead", task(pi.getId()), decide("signOffDecision", "approve", "signOffComment", null));
    return pi;
  }

  /**
   * The look-backs alone: an item started as usual (its case on the ladder, its county's grants),
   * then moved from its plan to scheduling look-back {@code round}, signed off and filed today.
   * The whole way there is walked once, in {@link #cleanPathSignsOffFilesTheClosureAndCompletesThreeLookBacks}.
   */
  ProcessInstance atLookBack(String county, int round) {
    ProcessInstance pi = start(county, false);
    Map<String, Object> filed = new HashMap<>();
    filed.put(CountyAssignmentProcess.Vars.SIGNED_OFF_BY.name(), "lead");
    filed.put(CountyAssignmentProcess.Vars.CLOSURE.name(), "已销号");
    filed.put(RectificationItemProcess.Vars.CLOSURE_FILED_AT.name(), ClockUtil.getCurrentTime());
    filed.put(RectificationItemProcess.Vars.LOOK_BACK_ROUND.name(), round - 1);
    runtimeService.setVariables(pi.getId(), filed);
    runtimeService.createProcessInstanceModification(pi.getId())
        .startBeforeActivity(Element.scheduleLookBack.name())
        .cancelAllForActivity(Element.draftRectificationPlan.name())
        .execute();
    return pi;
  }

  void lookBack(ProcessInstance pi, String county, String decision) {
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    setNow(LocalDateTime.ofInstant(timer.getDuedate().toInstant(), WorkingDayCalendar.ZONE).plusHours(9));
    managementService.executeJob(timer.getId());
    Task selfCheck = task(pi.getId());
    assertThat(key(selfCheck)).isEqualTo(Element.lookBackSelfCheck.name());
    completeAs(county, selfCheck, Map.of("lookBackFindings", "现场核查，设施运行正常"));
    completeAs("lead", task(pi.getId()), decide("lookBackDecision", decision, "lookBackComment",
        RectificationItemProcess.REBOUND.equals(decision) ? "园区南侧发现新的排污口" : null));
  }

  // ---------------------------------------------------------------- branches

  @Test
  void planIsDueInThirtyWorkingDaysGoesToTheCountyAndShowsLateWhenMissed() throws Exception {
    ProcessInstance pi = start("anding", false);
    Task draft = task(pi.getId());
    assertThat(key(draft)).isEqualTo(Element.draftRectificationPlan.name());
    assertThat(taskService.getIdentityLinksForTask(draft.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("county-anding");
    // 30 working days from Mon 2026-11-02: Mon 2026-12-14.
    assertThat(draft.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 12, 14)));
    setNow(LocalDateTime.of(2026, 12, 15, 9, 0));
    assertThat(taskService.createTaskQuery().taskId(draft.getId())
        .dueBefore(ClockUtil.getCurrentTime()).count()).isEqualTo(1);
    deliverNotices(pi.getBusinessKey());
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject()).startsWith("【整改交办】ZY-");
    assertThat((String) mail.getContent()).contains("整改方案").contains("2026年12月14日");
    // the ladder's sweep the next morning: 逾期催办 to the county and the lead unit
    sweepLadderOn(LocalDate.of(2026, 12, 15));
    assertThat(cases.find(pi.getBusinessKey()).orElseThrow().level())
        .isEqualTo(org.ecobureau.oversight.escalation.WarningLevel.OVERDUE);
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevel")).isEqualTo("overdue");
    deliverNotices(pi.getBusinessKey());
    MimeMessage chase = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
    assertThat(chase.getSubject()).startsWith("【逾期催办】ZY-");
    assertThat((String) chase.getContent()).contains("「制定整改方案」已超过办理时限（2026年12月14日）");
    // a late plan is still accepted, and the warning is lifted
    completeAs("anding", draft, plan());
    assertThat(key(task(pi.getId()))).isEqualTo(Element.reviewRectificationPlan.name());
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevel")).isEqualTo("none");
  }

  @Test
  void returnedPlanGoesBackToTheCountyWithTheReason() throws Exception {
    ProcessInstance pi = start("tongwei", false);
    completeAs("tongwei", task(pi.getId()), plan());
    completeAs("lead", task(pi.getId()), decide("planDecision", "return", "planComment", "整改时限过长，请压缩"));
    Task again = task(pi.getId());
    assertThat(key(again)).isEqualTo(Element.draftRectificationPlan.name());
    assertThat(pi).hasPassed(Element.planReviewed.name()).hasNotPassed(Element.rectifyingOpen.name());
    deliverNotices(pi.getBusinessKey());
    assertThat(SMTP.getReceivedMessages()).hasSize(2);
    assertThat((String) SMTP.getReceivedMessages()[1].getContent()).contains("整改时限过长，请压缩");
  }

  @Test
  void failedAcceptanceReturnsToRectification() {
    ProcessInstance pi = upToAcceptance("weiyuan", false);
    Task acceptance = task(pi.getId());
    assertThat(taskService.getIdentityLinksForTask(acceptance.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("dept-swj");
    completeAs("swj", acceptance, decide("acceptanceDecision", "return", "acceptanceComment", "出水氨氮仍超标"));
    assertThat(pi).isWaitingAt(Element.rectifying.name());
    assertThat(pi).hasPassed(Element.acceptanceDecided.name()).hasNotPassed(Element.startRectificationNotice.name());
  }

  @Test
  void objectionFiledThroughTheFormDuringNoticeReopensTheItem() {
    ProcessInstance pi = upToAcceptance("lintao", false);
    completeAs("swj", task(pi.getId()), decide("acceptanceDecision", "approve", "acceptanceComment", null));
    assertThat(pi).isWaitingAt(Element.rectificationNoticeRunning.name());

    identityService.setAuthentication("supervisor", java.util.List.of("supervisor"));
    ProcessInstance filing;
    try {
      filing = runtimeService.startProcessInstanceByKey(org.ecobureau.oversight.signoff.FileObjectionProcess.KEY,
          Map.of("itemKey", pi.getBusinessKey(), "objection", "群众来信反映仍有污水外溢", "objectionChannel", "来信"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(filing).isEnded().hasPassed("forwardObjection");
    assertThat(pi).hasPassed(Element.rectificationObjectionReceived.name())
        .hasNotPassed(Element.rectificationNoticeElapsed.name());
    assertThat(pi).isWaitingAt(Element.rectifying.name());
    assertThat(runtimeService.getVariable(pi.getId(), "objection")).isEqualTo("群众来信反映仍有污水外溢");
    assertThat(runtimeService.getVariable(pi.getId(), "objectionFiledBy")).isEqualTo("supervisor");
  }

  @Test
  void objectionForAnItemNotInNoticeIsRefused() {
    ProcessInstance pi = start("zhangxian", false);
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(org.ecobureau.oversight.signoff.FileObjectionProcess.KEY,
        Map.of("itemKey", pi.getBusinessKey(), "objection", "x")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("itemKey").hasMessageContaining("不在公示期");
  }

  @Test
  void cleanPathSignsOffFilesTheClosureAndCompletesThreeLookBacks() {
    ProcessInstance pi = upToLookBacks("minxian");
    assertThat(pi).hasPassed(Element.fileClosure.name()).isWaitingAt(Element.lookBackDue.name());
    Date filed = (Date) runtimeService.getVariable(pi.getId(), "closureFiledAt");
    LocalDate filedDay = LocalDate.ofInstant(filed.toInstant(), WorkingDayCalendar.ZONE);
    assertThat(runtimeService.getVariable(pi.getId(), "signedOffBy")).isEqualTo("lead");
    assertThat(runtimeService.getVariable(pi.getId(), "closure")).isEqualTo("已销号");
    int[] months = {3, 6, 12};
    for (int round = 1; round <= 3; round++) {
      Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
      assertThat(timer.getDuedate()).isEqualTo(WorkingDayCalendar.startOfDay(filedDay.plusMonths(months[round - 1])));
      lookBack(pi, "minxian", RectificationItemProcess.CLEAN);
    }
    assertThat(pi).isEnded().hasPassed(Element.itemClosed.name()).hasNotPassed(Element.flagRebound.name());
  }

  @Test
  void reboundAtTheFirstLookBackReopensAtRed() {
    assertReboundAt(1);
  }

  @Test
  void reboundAtTheSecondLookBackReopensAtRed() {
    assertReboundAt(2);
  }

  @Test
  void reboundAtTheThirdLookBackReopensAtRed() {
    assertReboundAt(3);
  }

  void assertReboundAt(int round) {
    ProcessInstance pi = atLookBack("anding", round);
    lookBack(pi, "anding", RectificationItemProcess.REBOUND);
    assertThat(pi).hasPassed(Element.flagRebound.name()).isNotEnded();
    assertThat(runtimeService.getVariable(pi.getId(), "warningLevel")).isEqualTo("red");
    assertThat(cases.events(pi.getBusinessKey())).last().satisfies(e ->
        assertThat(e.reason()).isEqualTo("第" + round + "次回头看发现问题反弹"));
    // red: a lead decides the measure (约谈, 函询, 通报, 挂牌督办 or 移交问责)
    assertThat(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(org.ecobureau.oversight.escalation.SupervisionMeasureProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(pi.getId(), "reboundCount")).isEqualTo(1);
    assertThat(runtimeService.getVariable(pi.getId(), "lookBackRound")).isEqualTo(round);
    assertThat(pi).isWaitingAt(Element.rectifying.name());
  }

  @Test
  void signOffReturnedReopensRectification() {
    ProcessInstance pi = upToAcceptance("tongwei", false);
    completeAs("swj", task(pi.getId()), decide("acceptanceDecision", "approve", "acceptanceComment", null));
    passNotice(pi);
    completeAs("lead", task(pi.getId()), decide("signOffDecision", "return", "signOffComment", "资料不全"));
    assertThat(pi).hasPassed(Element.rectSignOffDecided.name()).hasNotPassed(Element.fileClosure.name());
    assertThat(pi).isWaitingAt(Element.rectifying.name());
  }

  @Test
  void longTermItemKeepsReportingAfterAcceptanceThenClosesAsLongTerm() {
    ProcessInstance pi = upToAcceptance("longxi", true);
    completeAs("swj", task(pi.getId()), decide("acceptanceDecision", "approve", "acceptanceComment", null));
    assertThat(pi).hasPassed(Element.keepLongTermReporting.name()).hasNotPassed(Element.startRectificationNotice.name());
    assertThat(pi).isWaitingAt(Element.rectifying.name());
    setNow(LocalDateTime.of(2027, 1, 4, 9, 0));
    claimFromReport(pi);
    assertThat(pi).isWaitingAt(Element.rectificationNoticeRunning.name());
    passNotice(pi);
    completeAs("lead", task(pi.getId()), decide("signOffDecision", "approve", "signOffComment", null));
    assertThat(runtimeService.getVariable(pi.getId(), "closure")).isEqualTo("长期坚持");
  }

  // ---------------------------------------------------------------- guards and evidence limits

  @Test
  void incompletePlanAndEvidenceBeyondTheLimitsAreRefused() {
    ProcessInstance pi = start("weiyuan", false);
    Map<String, Object> noGoal = plan();
    noGoal.put("planGoal", "");
    assertThatThrownBy(() -> completeAs("weiyuan", task(pi.getId()), noGoal))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("planGoal");
    Map<String, Object> badDate = plan();
    badDate.put("planDeadline", "尽快");
    assertThatThrownBy(() -> completeAs("weiyuan", task(pi.getId()), badDate))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("planDeadline");

    ProcessInstance item = upToAcceptanceRequest("weiyuan");
    Map<String, Object> exe = acceptanceRequest();
    exe.put("acceptanceEvidence", Variables.fileValue("病毒.exe").file(new byte[] {1}).create());
    assertThatThrownBy(() -> completeAs("weiyuan", task(item.getId()), exe))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("acceptanceEvidence").hasMessageContaining("类型不允许");
    Map<String, Object> huge = acceptanceRequest();
    huge.put("acceptanceEvidence", Variables.fileValue("航拍.jpg").file(new byte[21 * 1024 * 1024]).mimeType("image/jpeg").create());
    assertThatThrownBy(() -> completeAs("weiyuan", task(item.getId()), huge))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("超过上限").hasMessageContaining("20.0 MB");
    Map<String, Object> none = acceptanceRequest();
    none.remove("acceptanceEvidence");
    assertThatThrownBy(() -> completeAs("weiyuan", task(item.getId()), none))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("acceptanceEvidence");
    assertThat(key(task(item.getId()))).isEqualTo(Element.requestAcceptance.name());
    assertThat(runtimeService.getVariable(item.getId(), "acceptanceEvidence")).isNull();
  }

  @Test
  void lookBackReviewNeedsAKnownDecisionAndAReasonForARebound() {
    ProcessInstance pi = upToLookBacks("lintao");
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    setNow(LocalDateTime.ofInstant(timer.getDuedate().toInstant(), WorkingDayCalendar.ZONE).plusHours(9));
    managementService.executeJob(timer.getId());
    assertThatThrownBy(() -> completeAs("lintao", task(pi.getId()), Map.of("lookBackFindings", "")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("lookBackFindings");
    completeAs("lintao", task(pi.getId()), Map.of("lookBackFindings", "正常"));
    assertThatThrownBy(() -> completeAs("lead", task(pi.getId()), Map.of("lookBackDecision", "rebound")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("lookBackComment");
    assertThatThrownBy(() -> completeAs("lead", task(pi.getId()), Map.of("lookBackDecision", "maybe")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("lookBackDecision");
  }

  ProcessInstance upToAcceptanceRequest(String county) {
    ProcessInstance pi = start(county, false);
    completeAs(county, task(pi.getId()), plan());
    completeAs("lead", task(pi.getId()), decide("planDecision", "approve", "planComment", null));
    assertThat(pi).isWaitingAt(Element.rectifying.name());
    claimFromReport(pi);
    return pi;
  }
}
