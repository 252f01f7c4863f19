package org.ecobureau.oversight.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.rectification.RectificationItemProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * Checks what a rectification item starts with and derives who works on it: the county, the
 * lead unit (reviews reports) and the acceptance unit (市级验收).
 */
@Component("rectificationStartGuard")
public class RectificationStartGuard implements ExecutionListener {

  private final OrgDirectory org;

  public RectificationStartGuard(OrgDirectory org) {
    this.org = org;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String sourceCode = Vars.SOURCE_CODE.require(execution, "督察来源");
    String problemNo = Vars.PROBLEM_NO.require(execution, "问题编号");
    String problem = Vars.PROBLEM.require(execution, "问题描述");
    String countyCode = RectificationItemProcess.Vars.COUNTY.require(execution, "县区");
    County county = org.county(countyCode)
        .orElseThrow(() -> new IllegalArgumentException("Unknown county " + countyCode));
    String leadUnits = KeyTaskProcess.Vars.LEAD_UNITS.require(execution, "牵头单位");
    String acceptance = Vars.ACCEPTANCE_UNIT.require(execution, "验收单位");
    String expected = RectificationItemProcess.businessKey(sourceCode, problemNo, countyCode);
    if (!expected.equals(execution.getProcessBusinessKey())) {
      throw new IllegalArgumentException("Rectification item must start with business key " + expected
          + ", got " + execution.getProcessBusinessKey());
    }
    RectificationItemProcess.Vars.COUNTY_NAME.set(execution, county.name());
    RectificationItemProcess.Vars.COUNTY_GROUP.set(execution, county.groupId());
    RectificationItemProcess.Vars.REVIEWER_GROUPS.set(execution, String.join(",", OrgDirectory.splitList(leadUnits)
        .stream().map(u -> OrgDirectory.UNIT_GROUP_PREFIX + u).toList()));
    Vars.ACCEPTANCE_GROUP.set(execution, OrgDirectory.UNIT_GROUP_PREFIX + acceptance);
    Vars.ACCEPTANCE_UNIT_NAME.set(execution, org.unitNames(java.util.List.of(acceptance)));
    // Shown in Tasklist's filter columns and used in mails, like a key task's code and title.
    KeyTaskProcess.Vars.TASK_CODE.set(execution, sourceCode + "-" + problemNo);
    KeyTaskProcess.Vars.TASK_TITLE.set(execution, problem.length() > 40 ? problem.substring(0, 40) + "…" : problem);
    if (Vars.WARNING_LEVEL.get(execution) == null) {
      Vars.WARNING_LEVEL.set(execution, "none");
    }
  }
}
