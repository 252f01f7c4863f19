package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.ecobureau.oversight.evidence.EvidencePolicy;
import org.springframework.stereotype.Component;

/** The county's 回头看 self-check: what was found on site is required. */
@Component("lookBackGuard")
public class LookBackGuard implements TaskListener {

  private final EvidencePolicy evidence;

  public LookBackGuard(EvidencePolicy evidence) {
    this.evidence = evidence;
  }

  @Override
  public void notify(DelegateTask task) {
    Vars.LOOK_BACK_FINDINGS.requireText(task, "自查情况", 4000);
    evidence.check(task, "lookBackEvidence", "佐证材料");
  }
}
