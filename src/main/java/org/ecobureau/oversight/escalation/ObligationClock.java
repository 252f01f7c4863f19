package org.ecobureau.oversight.escalation;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.identity.Grants;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Task listener (create, complete, delete) on the county's tasks: the open task and its due date
 * are what the ladder watches. On create the lead units may also read the task (their 已逾期/预警
 * filter lists the county work they lead); completing it is the county catching up.
 */
@Component("obligationClock")
public class ObligationClock implements TaskListener {

  private final EscalationLadder ladder;
  private final Grants grants;

  public ObligationClock(EscalationLadder ladder, Grants grants) {
    this.ladder = ladder;
    this.grants = grants;
  }

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution().getProcessBusinessKey();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        ladder.obligationOpened(businessKey, task.getId(), task.getName(), task.getDueDate());
        var reviewers = OrgDirectory.splitList(CountyAssignmentProcess.Vars.REVIEWER_GROUPS.get(task));
        Context.getCommandContext().runWithoutAuthorization(() -> {
          reviewers.forEach(g -> grants.toGroup(g, Resources.TASK, task.getId(), Permissions.READ));
          return null;
        });
      }
      case EVENTNAME_COMPLETE -> ladder.obligationClosed(businessKey, task.getId(), task.getName(),
          CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id());
      // cancelled with its instance (or by an interrupting event): nothing was caught up
      case EVENTNAME_DELETE -> ladder.obligationCancelled(businessKey, task.getId());
      default -> { }
    }
  }
}
