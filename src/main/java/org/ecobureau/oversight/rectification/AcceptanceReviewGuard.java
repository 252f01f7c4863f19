package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.ecobureau.oversight.review.Decisions;
import org.springframework.stereotype.Component;

/** 市级验收 by the acceptance unit: pass, or return with reasons (rectification goes on). */
@Component("acceptanceReviewGuard")
public class AcceptanceReviewGuard implements TaskListener {

  private final TextTemplates texts;

  public AcceptanceReviewGuard(TextTemplates texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!Decisions.read(task, Vars.ACCEPTANCE_DECISION, "验收结论", Vars.ACCEPTANCE_COMMENT, "退回理由")) {
      RectificationItemProcess.Vars.REOPEN_REASON.set(task,
          texts.text("reason/acceptance-returned", "comment", Vars.ACCEPTANCE_COMMENT.text(task, "验收意见", 2000)));
    }
  }
}
