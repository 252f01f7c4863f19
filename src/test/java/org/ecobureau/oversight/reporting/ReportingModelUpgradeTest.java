package org.ecobureau.oversight.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessCoverage;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A database made by the release before periodic reports, with assignments and a rectification
 * item waiting at its per-assignment report steps and at steps both releases share: the
 * start-up step the Flyway migration asks for carries every instance over to the current
 * diagrams, the report steps onto 办理中 / 整改中 (then reported in the county's periodic report),
 * the rest where they were; and it runs once. The diagrams of that release are kept as test
 * resources ({@code legacy/}), exactly as it deployed them.
 */
@ProcessCoverage(atLeast = 0.0)
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=upgrade",
    "spring.datasource.url=jdbc:h2:mem:upgrade-test;DB_CLOSE_DELAY=-1"})
class ReportingModelUpgradeTest extends ProcessTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired ReportingModelUpgrade upgrade;
  @Autowired ReportingRound round;
  @Autowired ReportRepository reports;
  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;

  ProcessDefinition deploy(String name, InputStream bpmn, String key) {
    String deployment = repositoryService.createDeployment().name(name).addInputStream(key + ".bpmn", bpmn).deploy()
        .getId();
    return repositoryService.createProcessDefinitionQuery().deploymentId(deployment).processDefinitionKey(key)
        .singleResult();
  }

  /** An instance of the old diagram, started as its dispatch did, then moved to one of its steps. */
  ProcessInstance oldAssignmentAt(String county, String step) {
    ProcessInstance pi = Assignments.start(runtimeService, Assignments.nextCode("6.6."), "升级测试", county, false);
    if (!step.equals("acceptAssignment")) {
      // the old steps' listeners name beans this release no longer has: moved without them, as
      // only the engine's state matters here
      runtimeService.createProcessInstanceModification(pi.getId()).cancelAllForActivity("acceptAssignment")
          .startBeforeActivity(step).execute(true, true);
    }
    return pi;
  }

  @Test
  void runningInstancesOfTheOldDiagramsAreCarriedOverOnceAndReportInThePeriodicReport() throws Exception {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessDefinition oldAssignment = deploy("release before periodic reports",
        getClass().getResourceAsStream("/legacy/county-assignment-before-periodic-reports.bpmn"), CountyAssignmentProcess.KEY);
    assertThat((Object) repositoryService.getBpmnModelInstance(oldAssignment.getId())
        .getModelElementById("submitProgressReport")).isNotNull();
    ProcessInstance reporting = oldAssignmentAt("anding", "submitProgressReport");
    ProcessInstance reviewing = oldAssignmentAt("anding", "reviewProgressReport");
    ProcessInstance claiming = oldAssignmentAt("tongwei", "claimCompletion");
    ProcessInstance accepting = oldAssignmentAt("tongwei", "acceptAssignment");
    ProcessInstance signing = oldAssignmentAt("longxi", "signOffAssignment");
    runtimeService.setVariable(signing.getId(), "claimType", "completed"); // as its claim had left it
    assertThat(reporting.getProcessDefinitionId()).isEqualTo(oldAssignment.getId());

    // this release deploys its diagrams (a new version of the same keys)
    ProcessDefinition current = deploy("this release", Files.newInputStream(Path.of("bpmn/county-assignment.bpmn")),
        CountyAssignmentProcess.KEY);
    deploy("this release", Files.newInputStream(Path.of("bpmn/rectification-item.bpmn")), RectificationItemProcess.KEY);
    jdbc.update("INSERT INTO OV_PENDING_STEP (NAME, REQUESTED_AT) VALUES (?, CURRENT_TIMESTAMP)", ReportingModelUpgrade.STEP);

    assertThat(upgrade.applyOnce()).isEqualTo(5);
    assertThat(upgrade.applyOnce()).as("once").isZero();

    for (ProcessInstance pi : new ProcessInstance[] {reporting, reviewing, claiming, accepting, signing}) {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
          .getProcessDefinitionId()).isEqualTo(current.getId());
    }
    for (ProcessInstance pi : new ProcessInstance[] {reporting, reviewing, claiming}) {
      assertThat(pi).isWaitingAt(CountyAssignmentProcess.Element.carryingOut.name());
      assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
      assertThat(cases.find(pi.getBusinessKey()).orElseThrow().reporting()).isTrue();
      assertThat(cases.find(pi.getBusinessKey()).orElseThrow().openTaskId()).isNull();
    }
    assertThat(accepting).isWaitingAt(CountyAssignmentProcess.Element.acceptAssignment.name());
    assertThat(signing).isWaitingAt(CountyAssignmentProcess.Element.signOffAssignment.name());

    // and they report in their county's periodic report
    round.open(YearMonth.of(2026, 11));
    assertThat(reports.rows(PeriodicReportProcess.businessKey("anding", YearMonth.of(2026, 11))))
        .extracting(ReportRow::caseKey).contains(reporting.getBusinessKey(), reviewing.getBusinessKey());
    assertThat(reports.rows(PeriodicReportProcess.businessKey("tongwei", YearMonth.of(2026, 11))))
        .extracting(ReportRow::caseKey).contains(claiming.getBusinessKey()).doesNotContain(accepting.getBusinessKey());

    // the signed-off one goes on as before
    completeAs("lead", task(signing.getId()), Map.of("signOffDecision", "approve"));
    assertThat(signing).isEnded().hasPassed(CountyAssignmentProcess.Element.assignmentSignedOff.name());
  }
}
