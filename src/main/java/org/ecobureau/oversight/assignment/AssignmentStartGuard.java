package org.ecobureau.oversight.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Checks what a county assignment starts with and derives the groups that work on it: the
 * county's staff and the lead units' reviewers.
 */
@Component("assignmentStartGuard")
public class AssignmentStartGuard implements ExecutionListener {

  private final OrgDirectory org;

  public AssignmentStartGuard(OrgDirectory org) {
    this.org = org;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String code = KeyTaskProcess.Vars.TASK_CODE.require(execution, "任务编号");
    String countyCode = Vars.COUNTY.require(execution, "县区");
    County county = org.county(countyCode)
        .orElseThrow(() -> new IllegalArgumentException("Unknown county " + countyCode));
    String leadUnits = KeyTaskProcess.Vars.LEAD_UNITS.require(execution, "牵头单位");
    String expectedKey = CountyAssignmentProcess.businessKey(code, countyCode);
    if (!expectedKey.equals(execution.getProcessBusinessKey())) {
      throw new IllegalArgumentException("County assignment must start with business key " + expectedKey
          + ", got " + execution.getProcessBusinessKey());
    }
    Vars.COUNTY_NAME.set(execution, county.name());
    Vars.COUNTY_GROUP.set(execution, county.groupId());
    Vars.REVIEWER_GROUPS.set(execution, String.join(",", OrgDirectory.splitList(leadUnits).stream()
        .map(u -> OrgDirectory.UNIT_GROUP_PREFIX + u).toList()));
  }
}
