package org.ecobureau.oversight.review;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.evidence.EvidencePolicy;
import org.springframework.stereotype.Component;

/**
 * A county's completion claim (申请销号): kind (completed, or 长期坚持 for a standing task), a
 * summary and at least one evidence file.
 */
@Component("claimGuard")
public class ClaimGuard implements TaskListener {

  private final EvidencePolicy evidence;

  public ClaimGuard(EvidencePolicy evidence) {
    this.evidence = evidence;
  }

  @Override
  public void notify(DelegateTask task) {
    String type = Vars.CLAIM_TYPE.require(task, "销号类型");
    if (!CountyAssignmentProcess.CLAIM_COMPLETED.equals(type) && !CountyAssignmentProcess.CLAIM_STANDING.equals(type)) {
      throw new FieldValidationException(Vars.CLAIM_TYPE.name(), "销号类型", "应为 completed（已完成）或 standing（长期坚持）");
    }
    if (CountyAssignmentProcess.CLAIM_STANDING.equals(type)
        && !Boolean.TRUE.equals(KeyTaskProcess.Vars.STANDING.get(task))) {
      throw new FieldValidationException(Vars.CLAIM_TYPE.name(), "销号类型", "只有长期性任务可按“长期坚持”销号");
    }
    Vars.COMPLETION_SUMMARY.requireText(task, "完成情况说明", 4000);
    evidence.require(task, "completionEvidence", "佐证材料");
  }
}
