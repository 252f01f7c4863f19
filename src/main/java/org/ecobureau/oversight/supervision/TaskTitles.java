package org.ecobureau.oversight.supervision;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.common.TaskElements;
import org.ecobureau.oversight.escalation.ExtensionRequestProcess;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SummonsProcess;
import org.ecobureau.oversight.escalation.SupervisionMeasureProcess;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.signoff.FileObjectionProcess;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What a task is called in Tasklist: the step (as the diagram names it) followed by the item's
 * code and a short title, and the county or unit when the task is not the party's own (a lead sees
 * every county's), e.g. 交办重点任务 3.2.1 推进VOCs综合治理 or 审核销号申请 3.2.1 推进VOCs综合治理（安定区）.
 * A lead's 162 交办 cards are told apart at a glance, and Tasklist's search by name finds "3.2.1".
 *
 * <p>Renamed on create, after every other listener of the event ({@link Ordered#LOWEST_PRECEDENCE}
 * plus ordering last), so that the ladder's record of the open task and the notices keep the
 * step's own name. The periodic reports name their tasks themselves.
 */
@Component
public class TaskTitles {

  static final Set<String> PROCESSES = Set.of(KeyTaskProcess.KEY, CountyAssignmentProcess.KEY,
      RectificationItemProcess.KEY, ExtensionRequestProcess.KEY, ListedSupervisionProcess.KEY, SummonsProcess.KEY,
      SupervisionMeasureProcess.KEY, FileObjectionProcess.KEY);

  static final int SHORT_TITLE = 16;

  @EventListener
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void on(DelegateTask task) {
    if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getName() == null
        || !PROCESSES.contains(TaskElements.processKey(task))) {
      return;
    }
    String code = text(task.getVariable(KeyTaskProcess.Vars.TASK_CODE.name()));
    if (code.isEmpty() || task.getName().contains(code)) {
      return;
    }
    String party = text(task.getVariable(CountyAssignmentProcess.Vars.COUNTY_NAME.name()));
    String group = text(task.getVariable(CountyAssignmentProcess.Vars.COUNTY_GROUP.name()));
    boolean partysOwn = !group.isEmpty() && TaskElements.candidateGroups(task).contains(group);
    task.setName(title(task.getName(), code, text(task.getVariable(KeyTaskProcess.Vars.TASK_TITLE.name())),
        partysOwn ? "" : party));
  }

  /** 审核销号申请 3.2.1 推进VOCs综合治理（安定区） */
  static String title(String step, String code, String title, String party) {
    String shortTitle = title.length() > SHORT_TITLE ? title.substring(0, SHORT_TITLE - 1) + "…" : title;
    String name = (step + " " + code + " " + shortTitle).strip() + (party.isEmpty() ? "" : "（" + party + "）");
    return name.length() > 250 ? name.substring(0, 250) : name;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
