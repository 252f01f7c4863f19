package org.ecobureau.oversight.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.ecobureau.oversight.common.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * 反弹重办 (a delegate of rectification-item): the item is reopened, flagged red on the escalation
 * ladder with a summons, and the county told why. The ladder's answer to a look-back rebound.
 */
@Component("reboundFlag")
public class ReboundFlag implements JavaDelegate {

  private final EscalationLadder ladder;
  private final TextTemplates texts;

  public ReboundFlag(EscalationLadder ladder, TextTemplates texts) {
    this.ladder = ladder;
    this.texts = texts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Integer count = Vars.REBOUND_COUNT.get(execution);
    Vars.REBOUND_COUNT.set(execution, count == null ? 1 : count + 1);
    Integer round = Vars.LOOK_BACK_ROUND.get(execution);
    RectificationItemProcess.Vars.REOPEN_REASON.set(execution, texts.text("reason/rebound-reopened",
        "round", round, "comment", Vars.LOOK_BACK_COMMENT.get(execution)));
    execution.removeVariable(Vars.LONG_TERM_ACCEPTED.name());
    // red on the ladder (recorded, mailed) with a summons and a written report owed
    ladder.flag(execution.getProcessBusinessKey(), texts.text("reason/rebound", "round", round),
        CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id(), SummonsProcess.TRIGGER_REBOUND);
  }
}
