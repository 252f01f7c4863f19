package org.ecobureau.oversight.support;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.escalation.EscalationSweepProcess;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * After each process test class, ends every instance it left running (except the application's
 * own escalation sweep), as a cancellation would: the next class on the shared context and
 * database starts from no foreign work, so a sweep, a backfill or a job query sees only its own.
 */
public class LeaveNothingRunning implements TestExecutionListener {

  @Override
  public void afterTestClass(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    RuntimeService runtimeService = testContext.getApplicationContext().getBean(RuntimeService.class);
    List<String> left = runtimeService.createProcessInstanceQuery().rootProcessInstances().list().stream()
        .filter(p -> !EscalationSweepProcess.KEY.equals(definitionKey(p)))
        .map(ProcessInstance::getId).toList();
    if (!left.isEmpty()) {
      runtimeService.deleteProcessInstancesIfExists(left, "test class finished", false, true, false);
    }
  }

  /**
   * Ends a test's own instances (business key like {@code pattern}, e.g. {@code KT-CF-%}) as a
   * cancellation would, with their listeners: for tests on a shared context that clean up after
   * each method. The cases leave the board and their reporting phase (a case left active there
   * would be a row of the next periodic report another test opens for its county), and a report
   * ended so is closed.
   */
  public static void endOwn(RuntimeService runtimeService, String businessKeyLike) {
    List<String> ours = runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike(businessKeyLike)
        .list().stream().map(ProcessInstance::getId).toList();
    if (!ours.isEmpty()) {
      runtimeService.deleteProcessInstancesIfExists(ours, "test cleanup", false, true, true);
    }
  }

  private static String definitionKey(ProcessInstance p) {
    return p.getProcessDefinitionId().substring(0, p.getProcessDefinitionId().indexOf(':'));
  }
}
