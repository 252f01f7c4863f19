package org.ecobureau.oversight.review;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.TextTemplates;
import org.springframework.stereotype.Component;

/** The lead unit's review of a completion claim; a return reopens the county's reporting. */
@Component("claimReviewGuard")
public class ClaimReviewGuard implements TaskListener {

  private final TextTemplates texts;

  public ClaimReviewGuard(TextTemplates texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!Decisions.read(task, Vars.CLAIM_DECISION, "审核意见", Vars.CLAIM_COMMENT, "退回理由")) {
      Vars.REOPEN_REASON.set(task, texts.text("reason/claim-returned", "comment", Vars.CLAIM_COMMENT.text(task, "审核意见", 2000)));
    }
  }
}
