package org.ecobureau.oversight.assignment;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.identity.Grants;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Lets the county and the lead units read this one assignment (and its history); nobody else
 * of their kind sees it. Runs in the starting transaction, whoever started it.
 */
@Component("instanceAccessGrants")
public class InstanceAccessGrants implements ExecutionListener {

  private final Grants grants;

  public InstanceAccessGrants(Grants grants) {
    this.grants = grants;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String instanceId = execution.getProcessInstanceId();
    // One grant per group: the same unit may lead and accept an item, and inside one transaction
    // a second grant would not see the first (it is flushed at commit).
    Set<String> groups = new LinkedHashSet<>();
    groups.add(Vars.COUNTY_GROUP.get(execution));
    groups.addAll(OrgDirectory.splitList(Vars.REVIEWER_GROUPS.get(execution)));
    // cooperating units (配合单位) read the assignments of the tasks they cooperate on
    OrgDirectory.splitList((String) execution.getVariable(KeyTaskProcess.Vars.COOP_UNITS.name())).stream()
        .map(u -> OrgDirectory.UNIT_GROUP_PREFIX + u).forEach(groups::add);
    Object acceptance = execution.getVariable("acceptanceGroup");
    if (acceptance instanceof String g && !g.isBlank()) {
      groups.add(g);
    }
    Context.getCommandContext().runWithoutAuthorization(() -> {
      groups.forEach(g -> grant(g, instanceId));
      return null;
    });
  }

  private void grant(String group, String instanceId) {
    grants.toGroup(group, PROCESS_INSTANCE, instanceId, READ);
    grants.toGroup(group, HISTORIC_PROCESS_INSTANCE, instanceId, HistoricProcessInstancePermissions.READ);
  }
}
