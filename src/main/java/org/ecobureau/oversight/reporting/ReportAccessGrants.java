package org.ecobureau.oversight.reporting;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.identity.Grants;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * Execution listener (start) of a periodic report: the party and every lead unit with rows in it
 * may read this one report (and its history); no other county or unit sees it.
 */
@Component("reportAccessGrants")
public class ReportAccessGrants implements ExecutionListener {

  private final Grants grants;
  private final ReportRepository reports;

  public ReportAccessGrants(Grants grants, ReportRepository reports) {
    this.grants = grants;
    this.reports = reports;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String instanceId = execution.getProcessInstanceId();
    Set<String> groups = new LinkedHashSet<>();
    groups.add(Vars.PARTY_GROUP.get(execution));
    reports.rows(execution.getProcessBusinessKey()).forEach(r -> groups.add(r.reviewGroup()));
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String g : groups) {
        grants.toGroup(g, PROCESS_INSTANCE, instanceId, READ);
        grants.toGroup(g, HISTORIC_PROCESS_INSTANCE, instanceId, HistoricProcessInstancePermissions.READ);
      }
      return null;
    });
  }
}
