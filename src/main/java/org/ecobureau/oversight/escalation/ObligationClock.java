package org.ecobureau.oversight.escalation;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.TaskElements;
import org.ecobureau.oversight.identity.Grants;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ladder's hook on the county's tasks: the open task and its due date are what the ladder
 * watches. It hears every task event of the engine (the Spring Boot starter's eventing,
 * {@code camunda.bpm.eventing.task}, publishes them inside the engine's transaction, after the
 * listeners a diagram declares) and acts on create, complete and delete of the tasks
 * {@link LadderTasks} puts on the ladder, so no diagram has to name it. On create the lead units
 * (and the cooperating units) may also read the task (their 已逾期/预警 filter lists the county work they lead); completing it
 * is the county catching up.
 */
@Component
public class ObligationClock {

  private final EscalationLadder ladder;
  private final Grants grants;

  public ObligationClock(EscalationLadder ladder, Grants grants) {
    this.ladder = ladder;
    this.grants = grants;
  }

  @EventListener
  @org.springframework.core.annotation.Order(0) // before the task is given its Tasklist title (supervision.TaskTitles)
  public void on(DelegateTask task) {
    String event = task.getEventName();
    if (!(TaskListener.EVENTNAME_CREATE.equals(event) || TaskListener.EVENTNAME_COMPLETE.equals(event)
        || TaskListener.EVENTNAME_DELETE.equals(event)) || !LadderTasks.onLadder(task)) {
      return;
    }
    String businessKey = task.getExecution().getProcessBusinessKey();
    switch (event) {
      case TaskListener.EVENTNAME_CREATE -> {
        ladder.obligationOpened(businessKey, task.getId(), TaskElements.stepName(task), task.getDueDate());
        // a lead unit that is also offered the task (a department carrying a task it leads) reads it
        // through its candidate link already: the engine granted it in this transaction, unflushed,
        // so a second grant would not find that one and the two would collide at commit
        var candidates = TaskElements.candidateGroups(task);
        // the cooperating units (配合单位) read the county's tasks of the items they cooperate on too
        var readers = new java.util.LinkedHashSet<>(
            OrgDirectory.splitList(CountyAssignmentProcess.Vars.REVIEWER_GROUPS.get(task)));
        OrgDirectory.splitList((String) task.getVariable(
                org.ecobureau.oversight.assignment.KeyTaskProcess.Vars.COOP_UNITS.name())).stream()
            .map(u -> OrgDirectory.UNIT_GROUP_PREFIX + u).forEach(readers::add);
        var reviewers = readers.stream().filter(g -> !candidates.contains(g)).toList();
        Context.getCommandContext().runWithoutAuthorization(() -> {
          reviewers.forEach(g -> grants.toGroup(g, Resources.TASK, task.getId(), Permissions.READ));
          return null;
        });
      }
      case TaskListener.EVENTNAME_COMPLETE -> ladder.obligationClosed(businessKey, task.getId(), TaskElements.stepName(task),
          CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id());
      // cancelled with its instance (or by an interrupting event): nothing was caught up
      default -> ladder.obligationCancelled(businessKey, task.getId());
    }
  }
}
