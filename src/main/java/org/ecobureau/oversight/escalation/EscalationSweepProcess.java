package org.ecobureau.oversight.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Contract of {@code bpmn/escalation-sweep.bpmn}: every day at 08:30 (server time) a timer starts
 * one sweep of the ladder; on a day off it does nothing. One timer job, so on several nodes the
 * sweep runs once.
 */
public final class EscalationSweepProcess {

  public static final String KEY = "escalation-sweep";

  public enum Element {
    sweepDue, sweepLadder, sweepDone;
  }

  /** The service task {@code sweepLadder}. */
  @Component("ladderSweep")
  public static class LadderSweep implements JavaDelegate {

    private final EscalationLadder ladder;

    public LadderSweep(EscalationLadder ladder) {
      this.ladder = ladder;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable("raised", ladder.sweep());
    }
  }

  private EscalationSweepProcess() {}
}
