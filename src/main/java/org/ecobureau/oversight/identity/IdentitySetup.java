package org.ecobureau.oversight.identity;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the groups of DESIGN.md from the organisation directory and the standing
 * authorizations of each role. Instance-level access (a county to its own assignments, a lead
 * unit to the items it leads) is granted when an assignment starts, see
 * {@link org.ecobureau.oversight.assignment.InstanceAccessGrants}.
 */
@Component
public class IdentitySetup {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);
  private static final String ANY = "*";

  private final IdentityService identityService;
  private final OrgDirectory org;
  private final Grants grants;
  private final java.util.List<ProcessAccess> processes;

  public IdentitySetup(IdentityService identityService, OrgDirectory org, Grants grants, java.util.List<ProcessAccess> processes) {
    this.processes = processes;
    this.identityService = identityService;
    this.org = org;
    this.grants = grants;
  }

  public void apply() {
    group(OrgDirectory.ADMIN_GROUP, "系统管理员", "SYSTEM");
    group(OrgDirectory.LEAD_GROUP, "市局领导（整改办）", "WORKFLOW");
    group(OrgDirectory.SUPERVISOR_GROUP, "督查室", "WORKFLOW");
    org.counties().forEach(c -> group(c.groupId(), c.name(), "COUNTY"));
    org.units().forEach(u -> group(u.groupId(), u.name(), "UNIT"));

    for (Resource r : Resources.values()) {
      grants.toGroup(OrgDirectory.ADMIN_GROUP, r, ANY, ALL);
    }

    // Leads: dispatch, sign off, read everything of the declared processes. They decide through
    // their tasks; operator actions (suspend, edit variables, run a timer early) are
    // camunda-admin's. Earlier releases granted UPDATE: taken back.
    String lead = OrgDirectory.LEAD_GROUP;
    grants.toGroup(lead, APPLICATION, "tasklist", ACCESS);
    grants.toGroup(lead, APPLICATION, "cockpit", ACCESS);
    grants.toGroup(lead, PROCESS_INSTANCE, ANY, CREATE, READ);
    grants.revokeFromGroup(lead, PROCESS_INSTANCE, ANY, UPDATE);
    grants.toGroup(lead, TASK, ANY, READ);
    grants.toGroup(lead, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grants.toGroup(lead, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grants.toGroup(lead, DEPLOYMENT, ANY, READ);

    // Supervisors read everything and complete nothing of the counties'.
    String sup = OrgDirectory.SUPERVISOR_GROUP;
    grants.toGroup(sup, APPLICATION, "cockpit", ACCESS);
    grants.toGroup(sup, APPLICATION, "tasklist", ACCESS);
    grants.toGroup(sup, PROCESS_INSTANCE, ANY, READ);
    grants.toGroup(sup, TASK, ANY, READ);
    grants.toGroup(sup, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grants.toGroup(sup, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grants.toGroup(sup, DEPLOYMENT, ANY, READ);

    // Counties and lead units use Tasklist; what they see is granted per task and instance.
    org.counties().forEach(c -> grants.toGroup(c.groupId(), APPLICATION, "tasklist", ACCESS));
    org.units().forEach(u -> grants.toGroup(u.groupId(), APPLICATION, "tasklist", ACCESS));

    // Each process as its backing class declares it.
    for (ProcessAccess p : processes) {
      String key = p.processKey();
      grants.toGroup(lead, PROCESS_DEFINITION, key, READ, READ_INSTANCE, READ_TASK, READ_HISTORY, CREATE_INSTANCE);
      grants.revokeFromGroup(lead, PROCESS_DEFINITION, key, UPDATE_INSTANCE);
      grants.toGroup(sup, PROCESS_DEFINITION, key, READ, READ_INSTANCE, READ_TASK, READ_HISTORY);
      for (String g : groupsOf(p.readers())) {
        grants.toGroup(g, PROCESS_DEFINITION, key, READ);
      }
      for (String g : groupsOf(p.starters())) {
        grants.toGroup(g, PROCESS_DEFINITION, key, READ, CREATE_INSTANCE);
        grants.toGroup(g, PROCESS_INSTANCE, ANY, CREATE);
      }
    }
    // Everyone reads the groups (the units' names). City-level roles read every user; a county
    // reads its own colleagues and the city's users, see applyDirectoryVisibility.
    for (String g : allWorkflowGroups()) {
      grants.toGroup(g, GROUP, ANY, READ);
    }
    for (String g : cityGroups()) {
      grants.toGroup(g, USER, ANY, READ);
    }
    org.counties().forEach(c -> grants.revokeFromGroup(c.groupId(), USER, ANY, READ));
    LOG.info("Identity set up: {} counties, {} units", org.counties().size(), org.units().size());
  }

  /**
   * Lets each county read the users it works with: its own colleagues and the city's users
   * (leads, the supervision office, the lead units), not other counties' staff. Per-user grants,
   * so run after users are created (start-up, after the demo users); a user added later in
   * Admin becomes visible to counties at the next start.
   */
  public void applyDirectoryVisibility() {
    java.util.Set<String> city = new java.util.LinkedHashSet<>();
    for (String g : cityGroups()) {
      identityService.createUserQuery().memberOfGroup(g).list().forEach(u -> city.add(u.getId()));
    }
    for (County c : org.counties()) {
      java.util.Set<String> visible = new java.util.LinkedHashSet<>(city);
      identityService.createUserQuery().memberOfGroup(c.groupId()).list().forEach(u -> visible.add(u.getId()));
      visible.forEach(userId -> grants.toGroup(c.groupId(), USER, userId, READ));
    }
  }

  /** Groups that work city-wide: leads, the supervision office and the lead units. */
  java.util.List<String> cityGroups() {
    var list = new java.util.ArrayList<String>();
    list.add(OrgDirectory.LEAD_GROUP);
    list.add(OrgDirectory.SUPERVISOR_GROUP);
    org.units().forEach(u -> list.add(u.groupId()));
    return list;
  }

  private java.util.List<String> groupsOf(java.util.Set<ProcessAccess.Party> parties) {
    var list = new java.util.ArrayList<String>();
    if (parties.contains(ProcessAccess.Party.COUNTY)) {
      org.counties().forEach(c -> list.add(c.groupId()));
    }
    if (parties.contains(ProcessAccess.Party.UNIT)) {
      org.units().forEach(u -> list.add(u.groupId()));
    }
    if (parties.contains(ProcessAccess.Party.SUPERVISOR)) {
      list.add(OrgDirectory.SUPERVISOR_GROUP);
    }
    return list;
  }

  public java.util.List<String> allWorkflowGroups() {
    var list = new java.util.ArrayList<String>();
    list.add(OrgDirectory.LEAD_GROUP);
    list.add(OrgDirectory.SUPERVISOR_GROUP);
    org.counties().forEach(c -> list.add(c.groupId()));
    org.units().forEach(u -> list.add(u.groupId()));
    return list;
  }

  private void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group g = identityService.newGroup(id);
      g.setName(name);
      g.setType(type);
      identityService.saveGroup(g);
    }
  }
}
