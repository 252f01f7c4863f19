package org.ecobureau.oversight.signoff;

import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.review.Decisions;
import org.springframework.stereotype.Component;

/** The lead's sign-off (审签): records signer, time and closure, or reopens with a comment. */
@Component("signOffGuard")
public class SignOffGuard implements TaskListener {

  private final TextTemplates texts;
  private final Clock clock;

  public SignOffGuard(TextTemplates texts, Clock clock) {
    this.texts = texts;
    this.clock = clock;
  }

  public static final String CLOSED = "已销号";
  public static final String STANDING = "长期坚持";

  @Override
  public void notify(DelegateTask task) {
    if (Decisions.read(task, Vars.SIGN_OFF_DECISION, "审签意见", Vars.SIGN_OFF_COMMENT, "退回理由")) {
      Vars.SIGNED_OFF_BY.set(task, CurrentUser.id());
      Vars.SIGNED_OFF_AT.set(task, Date.from(clock.instant()));
      boolean standing = CountyAssignmentProcess.CLAIM_STANDING.equals(Vars.CLAIM_TYPE.get(task))
          || Boolean.TRUE.equals(task.getVariable("longTerm"));
      Vars.CLOSURE.set(task, standing ? STANDING : CLOSED);
    } else {
      Vars.REOPEN_REASON.set(task, texts.text("reason/sign-off-returned", "comment", Vars.SIGN_OFF_COMMENT.text(task, "审签意见", 2000)));
    }
  }
}
