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

  private static String definitionKey(ProcessInstance p) {
    return p.getProcessDefinitionId().substring(0, p.getProcessDefinitionId().indexOf(':'));
  }
}
