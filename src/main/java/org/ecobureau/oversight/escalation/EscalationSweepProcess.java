package org.ecobureau.oversight.escalation;

import org.ecobureau.oversight.identity.ProcessAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Contract of {@code bpmn/escalation-sweep.bpmn}: every day at 08:30 (server time) a timer starts
 * one sweep of the ladder; on a day off it does nothing. One timer job, so on several nodes the
 * sweep runs once. {@code sweepLadder} is asynchronous and raises at most
 * {@code oversight.escalation.sweep-batch} cases per run; a full batch loops for the next one, so
 * every batch commits on its own and a failure retries only its batch.
 */
public final class EscalationSweepProcess {

  public static final String KEY = "escalation-sweep";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.cityOnly(KEY);

  public enum Element {
    sweepDue, batchStarts, sweepLadder, moreToSweep, sweepDone;
  }

  /** The service task {@code sweepLadder}. */
  @Component("ladderSweep")
  public static class LadderSweep implements JavaDelegate {

    private final EscalationLadder ladder;
    private int batchSize;

    public LadderSweep(EscalationLadder ladder, org.ecobureau.oversight.OversightProperties properties) {
      this.ladder = ladder;
      this.batchSize = properties.escalation().sweepBatch();
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable("batchSize", batchSize);
      execution.setVariable("raised", ladder.sweep(batchSize));
    }

    /** For tests of the batch loop. */
    void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }
  }

  private EscalationSweepProcess() {}
}
