package org.ecobureau.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDateTime;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A red card asks a lead for the measure (督办措施); one test per choice: 约谈, 函询, 通报, 挂牌督办,
 * 移交问责. Each is recorded on the case; the red card given for a rebound or by hand is withdrawn
 * once the measure is taken.
 */
@ProcessCoverage(atLeast = 0.9, excluding = {KeyTaskProcess.KEY, CountyAssignmentProcess.KEY, SummonsProcess.KEY,
    ListedSupervisionProcess.KEY, "send-notice"})
class SupervisionMeasureTest extends ProcessTestSupport {

  @Autowired EscalationLadder ladder;
  @Autowired CaseRepository cases;
  @Autowired HistoryService historyService;

  /** An assignment of the county brought to red as a rebound would (flagged): its measure decision. */
  Task redCard(String county) {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = Assignments.startNext(runtimeService, "5.5.", "督办措施测试", county);
    ladder.flag(pi.getBusinessKey(), "第1次回头看发现问题反弹", "lead", SummonsProcess.TRIGGER_REBOUND);
    assertThat(cases.find(pi.getBusinessKey()).orElseThrow().level()).isEqualTo(WarningLevel.RED);
    Task decide = taskService.createTaskQuery().processDefinitionKey(SupervisionMeasureProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    assertThat(decide.getTaskDefinitionKey()).isEqualTo(SupervisionMeasureProcess.Element.decideSupervisionMeasure.name());
    assertThat(taskService.getIdentityLinksForTask(decide.getId())).extracting(l -> l.getGroupId()).containsExactly("lead");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SummonsProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).as("no summons by itself").isZero();
    return decide;
  }

  String key(Task t) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult()
        .getBusinessKey();
  }

  ProcessInstance measure(Task t) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult();
  }

  String lastReason(String bk) {
    var events = cases.events(bk);
    return events.get(events.size() - 1).reason();
  }

  @Test
  void summonsOpensTheSummonsProcess() {
    Task decide = redCard("anding");
    String bk = key(decide);
    ProcessInstance m = measure(decide);
    assertThatThrownBy(() -> completeAs("lead", decide, Map.of("supervisionMeasure", "warning")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("supervisionMeasure");
    completeAs("lead", decide, Map.of("supervisionMeasure", "summons", "measureNote", "约谈分管副区长"));
    assertThat(m).isEnded().hasPassed(SupervisionMeasureProcess.Element.openSummons.name());
    assertThat(taskService.createTaskQuery().processDefinitionKey(SummonsProcess.KEY).processInstanceBusinessKey(bk)
        .list()).extracting(Task::getTaskDefinitionKey).containsExactlyInAnyOrder("recordSummons", "submitWrittenReport");
    assertThat(cases.events(bk)).anySatisfy(e -> assertThat(e.reason()).isEqualTo("督办措施：约谈（约谈分管副区长）"));
    assertThat(cases.find(bk).orElseThrow().level()).as("red until the summons is done").isEqualTo(WarningLevel.RED);
  }

  @Test
  void inquiryAsksTheCountyForAWrittenAnswer() {
    Task decide = redCard("tongwei");
    String bk = key(decide);
    ProcessInstance m = measure(decide);
    completeAs("lead", decide, Map.of("supervisionMeasure", "inquiry", "measureNote", "说明滞后原因"));
    Task answer = task(m.getId());
    assertThat(answer.getTaskDefinitionKey()).isEqualTo(SupervisionMeasureProcess.Element.answerInquiry.name());
    assertThat(taskService.getIdentityLinksForTask(answer.getId())).extracting(l -> l.getGroupId())
        .containsExactly("county-tongwei");
    assertThat(answer.getDueDate()).isNotNull();
    assertThatThrownBy(() -> completeAs("tongwei", answer, Map.of("inquiryAnswer", "已整改", "inquiryAnsweredBy", "李")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("至少 20 个字");
    completeAs("tongwei", answer, Map.of("inquiryAnswer", "因汛期施工受阻导致滞后，已调整施工计划，承诺月底前完成全部整改任务",
        "inquiryAnsweredBy", "通渭县生态环境局"));
    assertThat(m).isEnded().hasPassed(SupervisionMeasureProcess.Element.answerInquiry.name());
    // the rebound's card is withdrawn: what remains is 签收, due in 3 working days
    assertThat(cases.find(bk).orElseThrow().level()).isEqualTo(WarningLevel.REMINDER);
    assertThat(lastReason(bk)).contains("函询").contains("撤销红牌");
  }

  @Test
  void bulletinTellsTheCountyTheLeadsAndTheSupervisor() throws Exception {
    Task decide = redCard("longxi");
    String bk = key(decide);
    completeAs("lead", decide, Map.of("supervisionMeasure", "bulletin", "measureNote", "全市通报批评"));
    deliverNotices(bk);
    var bulletin = java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(mm -> {
      try {
        return mm.getSubject().startsWith("【通报】");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(bulletin).isNotEmpty();
    assertThat((String) bulletin.get(0).getContent()).contains("陇西县").contains("全市通报批评");
    assertThat(cases.events(bk)).anySatisfy(e -> assertThat(e.reason()).startsWith("督办措施：通报"));
  }

  @Test
  void listingOpensTheListedSupervision() {
    Task decide = redCard("weiyuan");
    String bk = key(decide);
    completeAs("lead", decide, Map.of("supervisionMeasure", "listing", "measureNote", "挂牌督办，每周报送"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ListedSupervisionProcess.KEY)
        .processInstanceBusinessKey(bk).count()).isEqualTo(1);
    assertThat(cases.find(bk).orElseThrow().level()).isEqualTo(WarningLevel.LISTED);
  }

  @Test
  void referralAttachesTheCaseFileForTheDisciplineCommission() {
    Task decide = redCard("lintao");
    String bk = key(decide);
    ProcessInstance m = measure(decide);
    completeAs("lead", decide, Map.of("supervisionMeasure", "referral", "measureNote", "多次督办仍未整改"));
    assertThat(m).isEnded().hasPassed(SupervisionMeasureProcess.Element.referForAccountability.name());
    var referredTo = historyService.createHistoricVariableInstanceQuery().processInstanceId(m.getId())
        .variableName("referralTo").singleResult();
    assertThat(referredTo.getValue()).isEqualTo("市纪委监委");
    var file = historyService.createHistoricVariableInstanceQuery().processInstanceId(m.getId())
        .variableName("referralCaseFile").singleResult();
    FileValue attached = (FileValue) file.getTypedValue();
    assertThat(attached.getFilename()).isEqualTo("一案一档-" + bk.replace(':', '-') + ".xlsx");
    assertThat(attached.getValue()).isNotNull();
    assertThat(cases.events(bk)).anySatisfy(e -> assertThat(e.reason()).startsWith("督办措施：移交问责"));
  }
}
