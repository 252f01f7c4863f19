package org.ecobureau.oversight.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Checks what an assignment starts with and derives the groups that work on it: the party's
 * staff (a county's, or a department's that carries the task itself) and the lead units' reviewers.
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
    // the party: a county, or a city department carrying the task itself (承办部门)
    var unit = org.county(countyCode).isPresent() ? java.util.Optional.<org.ecobureau.oversight.identity.Unit>empty()
        : org.unit(countyCode);
    County county = org.county(countyCode).orElseGet(() -> unit
        .map(u -> new County(u.code(), u.name(), u.name()))
        .orElseThrow(() -> new IllegalArgumentException("Unknown county or unit " + countyCode)));
    String leadUnits = KeyTaskProcess.Vars.LEAD_UNITS.require(execution, "牵头单位");
    String expectedKey = CountyAssignmentProcess.businessKey(code, countyCode);
    if (!expectedKey.equals(execution.getProcessBusinessKey())) {
      throw new IllegalArgumentException("County assignment must start with business key " + expectedKey
          + ", got " + execution.getProcessBusinessKey());
    }
    Vars.COUNTY_NAME.set(execution, county.name());
    Vars.COUNTY_GROUP.set(execution, unit.map(u -> u.groupId()).orElse(county.groupId()));
    Vars.REVIEWER_GROUPS.set(execution, String.join(",", OrgDirectory.splitList(leadUnits).stream()
        .map(u -> OrgDirectory.UNIT_GROUP_PREFIX + u).toList()));
  }
}
