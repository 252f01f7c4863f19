package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.ecobureau.oversight.evidence.EvidencePolicy;
import org.springframework.stereotype.Component;

/** 申请验收: the county's self-check and at least one evidence file. */
@Component("acceptanceRequestGuard")
public class AcceptanceRequestGuard implements TaskListener {

  private final EvidencePolicy evidence;

  public AcceptanceRequestGuard(EvidencePolicy evidence) {
    this.evidence = evidence;
  }

  @Override
  public void notify(DelegateTask task) {
    Vars.SELF_CHECK.requireText(task, "自查情况", 4000);
    evidence.require(task, Vars.ACCEPTANCE_EVIDENCE.name(), "佐证材料");
  }
}
