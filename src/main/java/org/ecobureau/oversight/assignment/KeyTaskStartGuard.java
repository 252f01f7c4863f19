package org.ecobureau.oversight.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.KeyTaskProcess.Vars;
import org.springframework.stereotype.Component;

/** Refuses to start a key task without its code, title, lead unit or business key. */
@Component("keyTaskStartGuard")
public class KeyTaskStartGuard implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String code = Vars.TASK_CODE.require(execution, "任务编号");
    Vars.TASK_TITLE.require(execution, "重点任务");
    Vars.LEAD_UNITS.require(execution, "牵头单位");
    if (!KeyTaskProcess.businessKey(code).equals(execution.getProcessBusinessKey())) {
      throw new IllegalArgumentException("Key task " + code + " must start with business key "
          + KeyTaskProcess.businessKey(code) + ", got " + execution.getProcessBusinessKey());
    }
  }
}
