package org.ecobureau.oversight.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** key-task.bpmn: dispatch by a lead, one assignment per county, closing sign-off. */
@ProcessCoverage(atLeast = 0.9, excluding = {CountyAssignmentProcess.KEY, SendNoticeProcess.KEY})
class KeyTaskProcessTest extends ProcessTestSupport {

  @Autowired KeyTaskStarter starter;
  @Autowired HistoryService historyService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void startingIsIdempotentAndCarriesTheCatalogueEntry() {
    ProcessInstance pi = starter.start("4.1.4").orElseThrow();
    assertThat(pi.getBusinessKey()).isEqualTo("KT-4.1.4");
    assertThat(starter.start("4.1.4")).isEmpty();
    Task dispatch = task(pi.getId());
    assertThat(dispatch.getTaskDefinitionKey()).isEqualTo(KeyTaskProcess.Element.dispatchKeyTask.name());
    assertThat(taskService.getIdentityLinksForTask(dispatch.getId())).extracting(l -> l.getGroupId())
        .containsExactly("lead");
    assertThat(runtimeService.getVariable(pi.getId(), "deadline"))
        .isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2022, 6, 30)));
    assertThat(runtimeService.getVariable(pi.getId(), "proposedCounties"))
        .isEqualTo("anding,tongwei,longxi,weiyuan,lintao,zhangxian,minxian");
    assertThat(dispatch.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 9)));
  }

  @Test
  void leadEditsCountiesAndDeadlineThenEveryCountyCarriesItToSignOff() {
    ProcessInstance pi = starter.start("3.2.1").orElseThrow();
    assertThat(runtimeService.getVariable(pi.getId(), "proposedCounties")).isEqualTo("anding,longxi,lintao");

    completeAs("lead", task(pi.getId()), Map.of("assignedCounties", "anding,longxi,tongwei",
        "newDeadline", "2027-06-30", "dispatchNote", "增加通渭县"));

    assertThat(pi).hasPassed(KeyTaskProcess.Element.dispatchKeyTask.name())
        .isWaitingAt(KeyTaskProcess.Element.runCountyAssignments.name());
    List<ProcessInstance> assignments = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(pi.getId()).list();
    assertThat(assignments).extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder("KT-3.2.1:anding", "KT-3.2.1:longxi", "KT-3.2.1:tongwei");
    for (ProcessInstance a : assignments) {
      assertThat(runtimeService.getVariable(a.getId(), "deadline"))
          .isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2027, 6, 30)));
      assertThat(runtimeService.getVariable(a.getId(), "standing")).isEqualTo(false);
      assertThat(runtimeService.getVariable(a.getId(), "reviewerGroups")).isEqualTo("dept-sthj");
    }

    for (ProcessInstance a : assignments) {
      walkToSignOff(a);
    }
    Task close = task(pi.getId());
    assertThat(close.getTaskDefinitionKey()).isEqualTo(KeyTaskProcess.Element.closeKeyTask.name());
    completeAs("lead", close, Map.of("closingComment", "三县均已销号"));
    assertThat(pi).isEnded().hasPassed(KeyTaskProcess.Element.keyTaskClosed.name());
  }

  @Test
  void dispatchWithoutKnownCountiesIsRefused() {
    ProcessInstance pi = starter.start("3.3.2").orElseThrow();
    Task dispatch = task(pi.getId());
    assertThatThrownBy(() -> completeAs("lead", dispatch, Map.of("assignedCounties", "anding,chengguan")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("assignedCounties")
        .hasMessageContaining("chengguan");
    assertThatThrownBy(() -> completeAs("lead", dispatch, Map.of("assignedCounties", " ")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("assignedCounties");
    assertThatThrownBy(() -> completeAs("lead", dispatch, Map.of("assignedCounties", "anding", "newDeadline", "明年")))
        .isInstanceOf(FieldValidationException.class).hasMessageContaining("newDeadline");
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).count()).isZero();
    assertThat(task(pi.getId()).getId()).isEqualTo(dispatch.getId());
  }

  @Test
  void aRetiredTasksOpenDispatchIsRefusedNamingTheRetirement() {
    ProcessInstance pi = starter.start("3.3.3").orElseThrow();
    Task dispatch = task(pi.getId());
    jdbc.update("UPDATE OV_KEY_TASK SET ACTIVE = FALSE WHERE CODE = '3.3.3'");
    try {
      assertThatThrownBy(() -> completeAs("lead", dispatch, Map.of()))
          .isInstanceOf(FieldValidationException.class).hasMessageContaining("3.3.3").hasMessageContaining("停用");
      assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).count()).isZero();
      assertThat(task(pi.getId()).getId()).isEqualTo(dispatch.getId());
    } finally {
      jdbc.update("UPDATE OV_KEY_TASK SET ACTIVE = TRUE WHERE CODE = '3.3.3'");
    }
  }

  @Test
  void startWithoutBusinessKeyIsRefused() {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(KeyTaskProcess.KEY, "wrong",
        Map.of("taskCode", "1.1", "taskTitle", "x", "leadUnits", "sthj")))
        .hasMessageContaining("KT-1.1");
  }

  private void walkToSignOff(ProcessInstance a) {
    String county = (String) runtimeService.getVariable(a.getId(), "county");
    completeAs(county, task(a.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "0932-8212345"));
    Map<String, Object> report = new HashMap<>();
    report.put("period", "2026-11");
    report.put("progress", 100);
    report.put("statusClass", "已完成");
    report.put("workDone", "完成治理");
    report.put("filledBy", "李娜");
    report.put("countyLeader", "王强");
    report.put("wantsCompletion", true);
    completeAs(county, task(a.getId()), report);
    completeAs("sthj", task(a.getId()), Map.of("reportDecision", "approve"));
    completeAs(county, task(a.getId()), Map.of("claimType", "completed", "completionSummary", "完成",
        "completionEvidence", Variables.fileValue("photo.jpg").file(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, (byte) 0x4A, (byte) 0x46, (byte) 0x49, (byte) 0x46, 0}).mimeType("image/jpeg").create()));
    completeAs("sthj", task(a.getId()), Map.of("claimDecision", "approve"));
    var timer = managementService.createJobQuery().processInstanceId(a.getId()).timers().singleResult();
    setNow(START.plusDays(30));
    managementService.executeJob(timer.getId());
    completeAs("lead", task(a.getId()), Map.of("signOffDecision", "approve"));
    setNow(START);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(a.getId()).singleResult()
        .getEndActivityId()).isEqualTo(CountyAssignmentProcess.Element.assignmentSignedOff.name());
  }
}
