package org.ecobureau.oversight.signoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.Var;
import org.springframework.stereotype.Component;

/**
 * An objection form names the item (its business key) and the objection; the item must be in
 * its public notice right now, otherwise the form is refused and nothing is recorded.
 */
@Component("objectionFilingGuard")
public class ObjectionFilingGuard implements ExecutionListener {

  public static final Var<String> ITEM_KEY = Var.of("itemKey", String.class);

  @Override
  public void notify(DelegateExecution execution) {
    String itemKey = ITEM_KEY.requireText(execution, "事项编号", 200).strip();
    CountyAssignmentProcess.Vars.OBJECTION.requireText(execution, "异议内容", 4000);
    long waiting = Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createExecutionQuery()
            .processInstanceBusinessKey(itemKey)
            .messageEventSubscriptionName(CountyAssignmentProcess.OBJECTION_MESSAGE).count());
    if (waiting == 0) {
      throw new FieldValidationException(ITEM_KEY.name(), "事项编号", "「" + itemKey + "」当前不在公示期，无法登记异议");
    }
    ITEM_KEY.set(execution, itemKey);
  }
}
