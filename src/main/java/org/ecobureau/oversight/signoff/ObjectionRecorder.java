package org.ecobureau.oversight.signoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.TextTemplates;
import org.springframework.stereotype.Component;

/** An objection during the public notice reopens the assignment; the county is told why. */
@Component("objectionRecorder")
public class ObjectionRecorder implements ExecutionListener {

  private final TextTemplates texts;

  public ObjectionRecorder(TextTemplates texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String objection = Vars.OBJECTION.find(execution).filter(s -> !s.isBlank()).orElse(null);
    Vars.REOPEN_REASON.set(execution, texts.text("reason/objection", "objection", objection));
  }
}
