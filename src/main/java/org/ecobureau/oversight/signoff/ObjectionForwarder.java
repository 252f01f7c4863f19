package org.ecobureau.oversight.signoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.CurrentUser;
import org.springframework.stereotype.Component;

/** Correlates a filed objection with the item in public notice, which reopens it. */
@Component("objectionForwarder")
public class ObjectionForwarder implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String itemKey = ObjectionFilingGuard.ITEM_KEY.get(execution);
    String objection = CountyAssignmentProcess.Vars.OBJECTION.get(execution);
    String by = CurrentUser.id();
    Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getRuntimeService().createMessageCorrelation(CountyAssignmentProcess.OBJECTION_MESSAGE)
        .processInstanceBusinessKey(itemKey)
        .setVariable("objection", objection)
        .setVariable("objectionFiledBy", by)
        .correlateWithResult());
  }
}
