package org.ecobureau.oversight.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;
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
    // 县级城市: the six county seats, not 安定区
    assertThat(runtimeService.getVariable(pi.getId(), "proposedCounties"))
        .isEqualTo("tongwei,longxi,weiyuan,lintao,zhangxian,minxian");
    assertThat(runtimeService.getVariable(pi.getId(), "proposedUnits")).isEqualTo("");
    assertThat(runtimeService.getVariable(pi.getId(), "assignedUnits")).isEqualTo("");
    assertThat(dispatch.getDueDate()).isEqualTo(WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 9)));
  }

  @Test
  void aCityLevelTaskCarriesItsUnitsAndNoCounty() {
    ProcessInstance pi = starter.start("7.1.1").orElseThrow();
    assertThat(runtimeService.getVariable(pi.getId(), "proposedCounties")).isEqualTo("");
    assertThat(runtimeService.getVariable(pi.getId(), "assignedCounties")).isEqualTo("");
    assertThat(runtimeService.getVariable(pi.getId(), "proposedUnits")).isEqualTo("sfj,sthj");
    assertThat(runtimeService.getVariable(pi.getId(), "assignedUnits")).isEqualTo("sfj,sthj");

    // dispatched: one assignment per department, reported by the department itself, none to a county
    completeAs("lead", task(pi.getId()), Map.of("assignedCounties", "", "dispatchNote", "市直部门承办"));
    var assignments = runtimeService.createProcessInstanceQuery().processDefinitionKey(CountyAssignmentProcess.KEY)
        .processInstanceBusinessKeyLike("KT-7.1.1:%").list();
    assertThat(assignments).extracting(p -> p.getBusinessKey()).containsExactlyInAnyOrder("KT-7.1.1:sfj", "KT-7.1.1:sthj");
    ProcessInstance sfj = assignments.stream().filter(p -> p.getBusinessKey().endsWith(":sfj")).findFirst().orElseThrow();
    Task accept = task(sfj.getId());
    assertThat(accept.getTaskDefinitionKey()).isEqualTo(CountyAssignmentProcess.Element.acceptAssignment.name());
    assertThat(taskService.getIdentityLinksForTask(accept.getId())).extracting(l -> l.getGroupId())
        .containsExactly("dept-sfj");
    assertThat(runtimeService.getVariable(sfj.getId(), "countyName")).isEqualTo("市司法局");
    assertThat(runtimeService.getVariable(sfj.getId(), "dispatchNote")).isEqualTo("市直部门承办");
  }

  @Autowired org.ecobureau.oversight.escalation.CaseRepository cases;

  @Test
  void theLeadSplitsTheTargetPerCountyAndEachAssignmentCarriesItsShare() {
    ProcessInstance pi = starter.start("2.5.1").orElseThrow(); // 落实到65个环境管控单元
    Task dispatch = task(pi.getId());
    assertThatThrownBy(() -> completeAs("lead", dispatch, Map.of("assignedCounties", "anding,tongwei",
        "countyTargets", "anding=10个单元;chengguan=5个单元")))
        .isInstanceOf(org.ecobureau.oversight.common.FieldValidationException.class)
        .hasMessageContaining("countyTargets").hasMessageContaining("chengguan");
    completeAs("lead", dispatch, Map.of("assignedCounties", "anding,tongwei",
        "countyTargets", "anding=10个单元;tongwei=8个单元"));
    var anding = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("KT-2.5.1:anding")
        .processDefinitionKey(CountyAssignmentProcess.KEY).singleResult();
    assertThat(runtimeService.getVariable(anding.getId(), "partyTarget")).isEqualTo("10个单元");
    assertThat(jdbc.queryForObject("SELECT TARGET FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY = ?", String.class,
        "KT-2.5.1:tongwei")).isEqualTo("8个单元");
  }

  /**
   * 6.1.4 is led by 市发展改革委 and 市生态环境局 and carried by both (承办), like some fifty bundled
   * tasks whose lead unit carries them itself: each unit's accept task is
   * offered to the unit, which as a lead unit also reads it. Its candidate link already grants the
   * unit the task; the lead units' read grant must not add a second one for it in the same
   * transaction (the dispatch failed on the duplicate authorization, answered 409 over REST).
   */
  @Test
  void unitsThatLeadAndCarryTheTaskAreDispatchedTheirAssignments() {
    ProcessInstance pi = starter.start("6.1.4").orElseThrow();
    completeAs("lead", task(pi.getId()), Map.of());

    List<ProcessInstance> assignments = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(pi.getId()).list();
    assertThat(assignments).extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder("KT-6.1.4:fgw", "KT-6.1.4:sthj");
    for (ProcessInstance a : assignments) {
      String unit = a.getBusinessKey().substring(a.getBusinessKey().indexOf(':') + 1);
      Task accept = task(a.getId());
      assertThat(accept.getTaskDefinitionKey()).isEqualTo(CountyAssignmentProcess.Element.acceptAssignment.name());
      assertThat(taskService.getIdentityLinksForTask(accept.getId())).extracting(l -> l.getGroupId())
          .containsExactly("dept-" + unit);
      // one grant per group on the task: the carrying unit's (read and work), the other lead unit's
      // and the cooperating units' (read)
      var grants = authorizationService.createAuthorizationQuery()
          .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(accept.getId()).list();
      var coop = org.ecobureau.oversight.identity.OrgDirectory.splitList(
          (String) runtimeService.getVariable(a.getId(), "coopUnits")).stream().map(u -> "dept-" + u).toList();
      assertThat(coop).isNotEmpty();
      var expected = new java.util.ArrayList<>(List.of("dept-fgw", "dept-sthj"));
      coop.stream().filter(g -> !expected.contains(g)).forEach(expected::add);
      assertThat(grants).extracting(g -> g.getGroupId()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(grants).allSatisfy(g -> assertThat(g.isPermissionGranted(
          org.camunda.bpm.engine.authorization.Permissions.READ)).isTrue());
      assertThat(grants).filteredOn(g -> g.getGroupId().equals("dept-" + unit)).singleElement()
          .satisfies(g -> assertThat(g.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.UPDATE)
              || g.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.TASK_WORK)).isTrue());
    }
  }

  @Test
  void leadEditsCountiesAndDeadlineThenEveryCountyCarriesItToSignOff() {
    ProcessInstance pi = starter.start("3.2.1").orElseThrow();
    assertThat(runtimeService.getVariable(pi.getId(), "proposedCounties")).isEqualTo("anding,longxi,lintao");
    // Tasklist tells the lead's 162 cards apart: step, code and a short title
    String title = (String) runtimeService.getVariable(pi.getId(), "taskTitle");
    assertThat(task(pi.getId()).getName()).startsWith("交办重点任务 3.2.1 " + title.substring(0, 8));
    assertThat(taskService.createTaskQuery().taskCandidateGroup("lead").taskNameLike("% 3.2.1 %").list())
        .extracting(Task::getProcessInstanceId).contains(pi.getId());

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

    // the county's own task without its name; the ladder keeps the step's name for its notices
    ProcessInstance anding = assignments.stream().filter(a -> a.getBusinessKey().endsWith(":anding")).findFirst().orElseThrow();
    assertThat(task(anding.getId()).getName()).startsWith("签收任务 3.2.1 ").doesNotContain("（安定区）");
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

  @Autowired BulkDispatch bulk;

  @Test
  void theLeadDispatchesAChapterAtOnceAsProposedAndARefusedTaskIsNamed() {
    ProcessInstance a = starter.start("4.2.1").orElseThrow();
    ProcessInstance b = starter.start("4.2.2").orElseThrow();
    ProcessInstance other = starter.start("5.1.2").orElseThrow();
    // a task retired from the catalogue meanwhile: the dispatch guard refuses it, the others go ahead
    jdbc.update("UPDATE OV_KEY_TASK SET ACTIVE = FALSE WHERE CODE = '4.2.2'");

    assertThat(bulk.preview("4")).extracting(BulkDispatch.Planned::code).contains("4.2.1", "4.2.2")
        .doesNotContain("5.1.2").isSortedAccordingTo(org.ecobureau.oversight.catalogue.KeyTask::compareCodes);
    assertThat(bulk.preview("4")).filteredOn(p -> p.code().equals("4.2.1")).singleElement()
        .satisfies(p -> assertThat(p.counties() + p.units()).isNotBlank());

    identityService.setAuthentication("lead", List.of("lead"));
    BulkDispatch.Result result;
    try {
      result = bulk.dispatch("4");
    } finally {
      identityService.clearAuthentication();
      jdbc.update("UPDATE OV_KEY_TASK SET ACTIVE = TRUE WHERE CODE = '4.2.2'");
    }
    assertThat(result.codes()).contains("4.2.1").doesNotContain("4.2.2", "5.1.2");
    assertThat(result.refused()).filteredOn(r -> r.code().equals("4.2.2")).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("停用"));
    assertThat(a).hasPassed(KeyTaskProcess.Element.dispatchKeyTask.name())
        .isWaitingAt(KeyTaskProcess.Element.runCountyAssignments.name());
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(a.getId()).count()).isPositive();
    assertThat(b).isWaitingAt(KeyTaskProcess.Element.dispatchKeyTask.name());
    assertThat(other).isWaitingAt(KeyTaskProcess.Element.dispatchKeyTask.name());
    assertThatThrownBy(() -> bulk.preview("4; drop")).hasMessageContaining("chapter");
  }

  private void walkToSignOff(ProcessInstance a) {
    String county = (String) runtimeService.getVariable(a.getId(), "county");
    completeAs(county, task(a.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "0932-8212345"));
    // a row of the county's periodic report claims completion (see PeriodicReportProcessTest)
    runtimeService.createMessageCorrelation(CountyAssignmentProcess.COMPLETION_CLAIMED_MESSAGE)
        .processInstanceBusinessKey(a.getBusinessKey())
        .setVariables(Map.of("claimType", "completed", "completionSummary", "完成", "claimReport", "PR-x-2026-11"))
        .correlate();
    // the lead unit's task names the county it is about
    assertThat(task(a.getId()).getName()).startsWith("审核销号申请 3.2.1 ")
        .endsWith("（" + runtimeService.getVariable(a.getId(), "countyName") + "）");
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
