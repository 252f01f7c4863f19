package org.ecobureau.oversight.signoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.springframework.stereotype.Component;

/** An objection during the public notice reopens the assignment; the county is told why. */
@Component("objectionRecorder")
public class ObjectionRecorder implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String objection = Vars.OBJECTION.find(execution).filter(s -> !s.isBlank()).orElse("（未说明）");
    Vars.REOPEN_REASON.set(execution, "公示期间收到异议：" + objection);
  }
}
