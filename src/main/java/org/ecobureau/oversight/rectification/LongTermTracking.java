package org.ecobureau.oversight.rectification;

import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * A long-term item (长期坚持) that passed acceptance stays under periodic reporting; its next
 * completion request goes straight to public notice and sign-off.
 */
@Component("longTermTracking")
public class LongTermTracking implements JavaDelegate {

  private final Clock clock;

  public LongTermTracking(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Vars.LONG_TERM_ACCEPTED.set(execution, Date.from(clock.instant()));
  }
}
