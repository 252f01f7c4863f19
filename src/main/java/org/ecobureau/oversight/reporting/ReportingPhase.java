package org.ecobureau.oversight.reporting;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.escalation.EscalationLadder;
import org.springframework.stereotype.Component;

/**
 * Execution listener on the wait states where an assignment (办理中) or a rectification item (整改中)
 * is carried out: while there, the case reports in its party's periodic report and the ladder
 * watches its completion deadline (逾期未完成 when it passes without a claim).
 */
@Component("reportingPhase")
public class ReportingPhase implements ExecutionListener {

  private final EscalationLadder ladder;
  private final TextTemplates texts;

  public ReportingPhase(EscalationLadder ladder, TextTemplates texts) {
    this.ladder = ladder;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    boolean start = EVENTNAME_START.equals(execution.getEventName());
    ladder.reportingChanged(execution.getProcessBusinessKey(), start, texts.text("reason/claimed"),
        CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id());
  }
}
