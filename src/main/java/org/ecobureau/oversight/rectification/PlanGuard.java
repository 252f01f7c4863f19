package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.catalogue.DeadlineParser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/** 整改方案: measures, goal, deadline and the responsible leader, all required. */
@Component("planGuard")
public class PlanGuard implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Vars.PLAN_MEASURES.requireText(task, "整改措施", 4000);
    Vars.PLAN_GOAL.requireText(task, "整改目标", 2000);
    String deadline = Vars.PLAN_DEADLINE.requireText(task, "整改时限", 10).strip();
    if (DeadlineParser.parse(deadline).isEmpty()) {
      throw new FieldValidationException(Vars.PLAN_DEADLINE.name(), "整改时限",
          "无法识别「" + deadline + "」，应为 YYYY-MM-DD 或“长期坚持”");
    }
    Vars.PLAN_LEADER.requireText(task, "责任领导", 100);
  }
}
