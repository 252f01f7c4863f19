package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/** 销号报备: records when the closure was filed (the signer is in signedOffBy) and opens the look-backs. */
@Component("closureFiling")
public class ClosureFiling implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Vars.CLOSURE_FILED_AT.set(execution, ClockUtil.getCurrentTime());
    Vars.LOOK_BACK_ROUND.set(execution, 0);
  }
}
