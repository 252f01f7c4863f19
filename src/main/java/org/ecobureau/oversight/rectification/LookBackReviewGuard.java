package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/** The city's review of a look-back: clean, or rebound (反弹) with the reason. */
@Component("lookBackReviewGuard")
public class LookBackReviewGuard implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String decision = Vars.LOOK_BACK_DECISION.require(task, "复核结论");
    if (RectificationItemProcess.REBOUND.equals(decision)) {
      Vars.LOOK_BACK_COMMENT.requireText(task, "反弹情况", 2000);
    } else if (!RectificationItemProcess.CLEAN.equals(decision)) {
      throw new FieldValidationException(Vars.LOOK_BACK_DECISION.name(), "复核结论",
          "应为 clean（未反弹）或 rebound（反弹），收到 " + decision);
    }
  }
}
