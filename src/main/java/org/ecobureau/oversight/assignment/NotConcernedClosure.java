package org.ecobureau.oversight.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.springframework.stereotype.Component;

/** Execution listener (start) of the 不涉及 end: the assignment's closure says so. */
@Component("notConcernedClosure")
public class NotConcernedClosure implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Vars.CLOSURE.set(execution, CountyAssignmentProcess.CLOSURE_NOT_CONCERNED);
  }
}
