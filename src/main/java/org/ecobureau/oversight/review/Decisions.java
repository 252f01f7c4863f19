package org.ecobureau.oversight.review;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.Var;

/** Reads a reviewer's decision (approve / return) and insists on a comment for a return. */
public final class Decisions {

  private Decisions() {}

  /** @return true when approved */
  public static boolean read(VariableScope scope, Var<String> decision, String decisionLabel,
      Var<String> comment, String commentLabel) {
    String value = decision.require(scope, decisionLabel);
    if (CountyAssignmentProcess.APPROVE.equals(value)) {
      return true;
    }
    if (!CountyAssignmentProcess.RETURN.equals(value)) {
      throw new FieldValidationException(decision.name(), decisionLabel,
          "应为 approve（通过）或 return（退回），收到 " + value);
    }
    comment.require(scope, commentLabel);
    return false;
  }
}
