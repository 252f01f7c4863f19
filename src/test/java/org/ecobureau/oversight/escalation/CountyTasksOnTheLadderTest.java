package org.ecobureau.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ladder's hook against the deployed diagrams: an instance of each case process is moved to
 * each of its user tasks in turn, and the ladder watches the task exactly when it is offered to
 * the case's county. A county
 * task that does not reach the ladder (an event not heard, a rule that misses it) fails here.
 */
class CountyTasksOnTheLadderTest extends ProcessTestSupport {

  /** A lead's task of each case process: where an instance waits once its county task is cancelled. */
  static final Map<String, String> LEAD_TASK = Map.of(
      CountyAssignmentProcess.KEY, CountyAssignmentProcess.Element.signOffAssignment.name(),
      RectificationItemProcess.KEY, RectificationItemProcess.Element.signOffRectification.name());

  @Autowired RepositoryService repositoryService;
  @Autowired CaseRepository cases;

  private static int sequence;

  Map<String, Object> variables(String processKey, String county) {
    Map<String, Object> v = new HashMap<>();
    v.put("county", county);
    v.put("leadUnits", "sthj");
    v.put("leadUnitNames", "市生态环境局");
    v.put("deadline", WorkingDayCalendar.endOfDay(LocalDate.of(2027, 6, 30)));
    if (processKey.equals(CountyAssignmentProcess.KEY)) {
      v.put("taskCode", "9.9." + (++sequence));
      v.put("taskTitle", "挂钩测试任务");
      v.put("taskContent", "测试内容");
      v.put("standing", false);
    } else {
      v.put("source", "中央督察");
      v.put("sourceCode", "ZY");
      v.put("inspectionRound", "第二轮");
      v.put("problemNo", "H-" + (++sequence));
      v.put("problem", "工业园区污水集中收集处理设施不完善");
      v.put("responsibleUnit", "县生态环境分局");
      v.put("responsibleLeader", "赵副县长");
      v.put("acceptanceUnit", "swj");
      v.put("longTerm", false);
    }
    return v;
  }

  String businessKey(String processKey, Map<String, Object> v) {
    return processKey.equals(CountyAssignmentProcess.KEY)
        ? CountyAssignmentProcess.businessKey((String) v.get("taskCode"), (String) v.get("county"))
        : RectificationItemProcess.businessKey((String) v.get("sourceCode"), (String) v.get("problemNo"),
            (String) v.get("county"));
  }

  /**
   * An instance waiting at one user task: started as a dispatch would (the start event's guard
   * and the case's registration run), then moved from its first task to that one.
   */
  ProcessInstance startAt(String processKey, String elementId, String county) {
    Map<String, Object> v = variables(processKey, county);
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(processKey, businessKey(processKey, v), v);
    Task first = task(pi.getId());
    if (!first.getTaskDefinitionKey().equals(elementId)) {
      runtimeService.createProcessInstanceModification(pi.getId())
          .startBeforeActivity(elementId).cancelAllForActivity(first.getTaskDefinitionKey()).execute();
    }
    return pi;
  }

  Set<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).collect(Collectors.toSet());
  }

  Task openTask(ProcessInstance pi, String elementId) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(elementId).singleResult();
  }

  @Test
  void everyTaskOfACaseProcessOfferedToTheCountyIsOnTheLadderUntilCancelledAndNoOtherTaskIs() {
    for (String processKey : LadderTasks.CASE_PROCESSES) {
      String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey)
          .latestVersion().singleResult().getId();
      int countyTasks = 0;
      var diagram = repositoryService.getBpmnModelInstance(definitionId);
      for (UserTask element : diagram.getModelElementsByType(UserTask.class)) {
        String id = element.getId();
        ProcessInstance pi = startAt(processKey, id, "anding");
        Task task = openTask(pi, id);
        assertThat(task).as("%s %s started", processKey, id).isNotNull();
        SupervisionCase c = cases.find(pi.getBusinessKey()).orElseThrow();
        assertThat(c.countyGroup()).isEqualTo("county-anding");
        if (candidateGroups(task).contains(c.countyGroup())) {
          countyTasks++;
          assertThat(c.openTaskId()).as("%s %s: on the ladder", processKey, id).isEqualTo(task.getId());
          // the ladder names the step; Tasklist's title adds the item (supervision.TaskTitles)
          assertThat(c.openTaskName()).isEqualTo(element.getName());
          assertThat(task.getName()).startsWith(element.getName() + " ");
          assertThat(c.dueDate()).isEqualTo(WorkingDayCalendar.day(task.getDueDate()));
          // cancelled while the case goes on (delete): the obligation goes with it
          runtimeService.createProcessInstanceModification(pi.getId())
              .startBeforeActivity(LEAD_TASK.get(processKey)).cancelAllForActivity(id).execute();
          SupervisionCase after = cases.find(pi.getBusinessKey()).orElseThrow();
          assertThat(after.active()).isTrue();
          assertThat(after.openTaskId()).as("%s %s: cancelled, off the ladder", processKey, id).isNull();
          assertThat(after.dueDate()).isNull();
        } else {
          assertThat(c.openTaskId()).as("%s %s: not the county's, not on the ladder", processKey, id).isNull();
        }
        runtimeService.deleteProcessInstance(pi.getId(), "挂钩测试");
      }
      // carrying the work out is reported through the party's periodic report, whose tasks are on the
      // ladder for every row (reporting.ReportObligations, see PeriodicReportProcessTest)
      assertThat(countyTasks).as("county tasks of %s", processKey).isPositive();
    }
  }

  @Test
  void completingTheCountyTaskTakesItOffTheLadder() {
    ProcessInstance pi = startAt(CountyAssignmentProcess.KEY,
        CountyAssignmentProcess.Element.acceptAssignment.name(), "tongwei");
    Task accept = openTask(pi, CountyAssignmentProcess.Element.acceptAssignment.name());
    assertThat(cases.find(pi.getBusinessKey()).orElseThrow().openTaskId()).isEqualTo(accept.getId());

    completeAs("tongwei", accept, Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    assertThat(runtimeService.createExecutionQuery().processInstanceId(pi.getId())
        .activityId(CountyAssignmentProcess.Element.carryingOut.name()).count()).isEqualTo(1);
    SupervisionCase c = cases.find(pi.getBusinessKey()).orElseThrow();
    assertThat(c.active()).isTrue();
    assertThat(c.openTaskId()).as("carrying out is reported through the periodic report, not a task of its own").isNull();
  }
}
