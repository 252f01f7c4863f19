package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.ecobureau.oversight.review.Decisions;
import org.springframework.stereotype.Component;

/** The city rectification office's review of a plan; a return sends it back with the reason. */
@Component("planReviewGuard")
public class PlanReviewGuard implements TaskListener {

  private final TextTemplates texts;

  public PlanReviewGuard(TextTemplates texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!Decisions.read(task, Vars.PLAN_DECISION, "审核意见", Vars.PLAN_COMMENT, "退回理由")) {
      RectificationItemProcess.Vars.REOPEN_REASON.set(task,
          texts.text("reason/plan-returned", "comment", Vars.PLAN_COMMENT.text(task, "审核意见", 2000)));
    }
  }
}
