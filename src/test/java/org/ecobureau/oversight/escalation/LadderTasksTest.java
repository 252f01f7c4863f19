package org.ecobureau.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The ladder's rule against the diagrams, without an engine: every task a diagram offers to the
 * county ({@code ${countyGroup}}) is on the ladder, or is one of the exceptions {@link LadderTasks}
 * names. A county task added to a measure's diagram fails here until it is put on the ladder or
 * declared off it.
 */
class LadderTasksTest {

  static final String COUNTY_GROUP_EXPRESSION = "${" + CountyAssignmentProcess.Vars.COUNTY_GROUP.name() + "}";

  record CountyTask(String processKey, String elementId) {}

  static List<BpmnModelInstance> diagrams() throws IOException {
    List<BpmnModelInstance> models = new ArrayList<>();
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
      try (InputStream in = r.getInputStream()) {
        models.add(Bpmn.readModelFromStream(in));
      }
    }
    assertThat(models).as("diagrams on the class path").hasSizeGreaterThanOrEqualTo(9);
    return models;
  }

  /** Every user task offered to the instance's county group, in every diagram. */
  static List<CountyTask> countyTasks() throws IOException {
    List<CountyTask> found = new ArrayList<>();
    for (BpmnModelInstance model : diagrams()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String groups = task.getCamundaCandidateGroups();
        if (groups != null
            && Arrays.stream(groups.split(",")).map(String::trim).anyMatch(COUNTY_GROUP_EXPRESSION::equals)) {
          found.add(new CountyTask(processOf(task).getId(), task.getId()));
        }
      }
    }
    return found;
  }

  static Process processOf(UserTask task) {
    var element = task.getParentElement();
    while (!(element instanceof Process)) {
      element = element.getParentElement();
    }
    return (Process) element;
  }

  @Test
  void everyCountyTaskOfEveryDiagramIsOnTheLadderOrDeclaredOffIt() throws IOException {
    List<CountyTask> tasks = countyTasks();
    // (the party's periodic report tasks are offered to ${partyGroup} and put every row on the
    // ladder through reporting.ReportObligations, see PeriodicReportProcessTest)
    assertThat(tasks).as("county tasks in the diagrams").hasSizeGreaterThanOrEqualTo(6);
    for (CountyTask t : tasks) {
      boolean on = LadderTasks.onLadder(t.processKey(), Set.of("county-anding"), "county-anding");
      boolean declaredOff = LadderTasks.OFF_LADDER.getOrDefault(t.processKey(), Set.of()).contains(t.elementId());
      assertThat(on || declaredOff).as("%s is on the ladder or declared off it", t).isTrue();
      assertThat(on && declaredOff).as("%s is declared off the ladder but on it", t).isFalse();
    }
  }

  @Test
  void eachCaseProcessHasCountyTasksAndEachDeclaredExceptionIsACountyTask() throws IOException {
    List<CountyTask> tasks = countyTasks();
    for (String key : LadderTasks.CASE_PROCESSES) {
      assertThat(tasks).as("county tasks of %s", key).anyMatch(t -> t.processKey().equals(key));
    }
    LadderTasks.OFF_LADDER.forEach((key, ids) -> ids.forEach(id ->
        assertThat(tasks).as("declared off the ladder: %s %s", key, id).contains(new CountyTask(key, id))));
  }

  @Test
  void onlyACaseProcessTaskOfferedToTheCaseCountyIsOnTheLadder() {
    assertThat(LadderTasks.onLadder(CountyAssignmentProcess.KEY, Set.of("county-anding"), "county-anding")).isTrue();
    assertThat(LadderTasks.onLadder(CountyAssignmentProcess.KEY, Set.of("dept-sthj"), "county-anding")).isFalse();
    assertThat(LadderTasks.onLadder(CountyAssignmentProcess.KEY, Set.of("county-longxi"), "county-anding")).isFalse();
    assertThat(LadderTasks.onLadder(CountyAssignmentProcess.KEY, Set.of("county-anding"), null)).isFalse();
    assertThat(LadderTasks.onLadder(SummonsProcess.KEY, Set.of("county-anding"), "county-anding")).isFalse();
    assertThat(LadderTasks.onLadder(null, Set.of("county-anding"), "county-anding")).isFalse();
  }
}
