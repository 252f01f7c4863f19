package org.ecobureau.oversight.reporting;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.TaskElements;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.EscalationLadder;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Element;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ladder's hook on the party's report tasks (本期报送, 退回重报): the task's due date becomes
 * the open obligation of every row it holds, so a report not filed is 逾期未报 on every row and
 * climbs on each; filing it is every row catching up. Like the ladder's own hook on the case
 * processes, it hears the engine's task events (no diagram names it).
 */
@Component
public class ReportObligations {

  private final EscalationLadder ladder;
  private final ReportRepository reports;

  public ReportObligations(EscalationLadder ladder, ReportRepository reports) {
    this.ladder = ladder;
    this.reports = reports;
  }

  /** Whether the task is one of a party's report tasks. */
  public static boolean partyTask(DelegateTask task) {
    return PeriodicReportProcess.KEY.equals(TaskElements.processKey(task))
        && (Element.submitPeriodicReport.name().equals(task.getTaskDefinitionKey())
            || Element.resubmitReturnedRows.name().equals(task.getTaskDefinitionKey()));
  }

  @EventListener
  public void on(DelegateTask task) {
    String event = task.getEventName();
    if (!(TaskListener.EVENTNAME_CREATE.equals(event) || TaskListener.EVENTNAME_COMPLETE.equals(event)
        || TaskListener.EVENTNAME_DELETE.equals(event)) || !partyTask(task)) {
      return;
    }
    String key = task.getExecution().getProcessBusinessKey();
    String name = CaseRepository.REPORT_OBLIGATION_PREFIX + "（" + Vars.PERIOD_LABEL.get(task) + "）";
    switch (event) {
      case TaskListener.EVENTNAME_CREATE ->
          rows(key).forEach(r -> ladder.obligationOpened(r.caseKey(), task.getId(), name, task.getDueDate()));
      case TaskListener.EVENTNAME_COMPLETE -> {
        String actor = CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id();
        // the guard has already marked the rows submitted: every row of the report is closed if it was this task's
        reports.rows(key).forEach(r -> ladder.obligationClosed(r.caseKey(), task.getId(), name, actor));
      }
      default -> reports.rows(key).forEach(r -> ladder.obligationCancelled(r.caseKey(), task.getId()));
    }
  }

  private List<ReportRow> rows(String key) {
    return reports.rows(key).stream().filter(ReportRow::editable).toList();
  }
}
