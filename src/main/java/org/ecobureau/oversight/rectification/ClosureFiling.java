package org.ecobureau.oversight.rectification;

import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/** 销号报备: records when the closure was filed (the signer is in signedOffBy) and opens the look-backs. */
@Component("closureFiling")
public class ClosureFiling implements JavaDelegate {

  private final Clock clock;

  public ClosureFiling(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Vars.CLOSURE_FILED_AT.set(execution, Date.from(clock.instant()));
    Vars.LOOK_BACK_ROUND.set(execution, 0);
  }
}
