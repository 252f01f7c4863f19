package org.ecobureau.oversight.assignment;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.TextTemplates;
import org.springframework.stereotype.Component;

/**
 * The lead unit's answer to 不涉及: confirm (the assignment closes as 不涉及, out of every rate) or
 * return to 签收 with a comment (the county is told why).
 */
@Component("notConcernedGuard")
public class NotConcernedGuard implements TaskListener {

  private final TextTemplates texts;

  public NotConcernedGuard(TextTemplates texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = Vars.NOT_CONCERNED_DECISION.require(task, "确认结果");
    String comment = Vars.NOT_CONCERNED_COMMENT.text(task, "确认意见", 1000);
    if (CountyAssignmentProcess.RETURN.equals(decision)) {
      if (comment == null || comment.isBlank()) {
        throw FieldValidationException.missing(Vars.NOT_CONCERNED_COMMENT.name(), "确认意见（不予确认时必填）");
      }
      Vars.REOPEN_REASON.set(task, texts.text("reason/not-concerned-rejected", "comment", comment.strip()));
      // 签收 is answered afresh (the history keeps the earlier answer and its reason)
      task.getExecution().removeVariable(Vars.ACCEPTANCE_ANSWER.name());
    } else if (!CountyAssignmentProcess.APPROVE.equals(decision)) {
      throw new FieldValidationException(Vars.NOT_CONCERNED_DECISION.name(), "确认结果",
          "应为 approve（确认不涉及）或 return（不予确认，退回签收）");
    }
  }
}
