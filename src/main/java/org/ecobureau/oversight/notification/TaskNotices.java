package org.ecobureau.oversight.notification;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.TaskElements;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) on county-facing tasks: when work reaches a county, when a report is
 * returned, when an item is reopened and when a look-back is due, a mail to the task's candidate
 * groups is requested. The request is a {@code send-notice} instance started in this
 * transaction; the mail itself goes out afterwards, asynchronously (see {@link MailDelivery}).
 */
@Component("taskNotices")
public class TaskNotices implements TaskListener {

  private final NoticeTemplates templates;
  private final NoticeRequests notices;

  public TaskNotices(NoticeTemplates templates, NoticeRequests notices) {
    this.templates = templates;
    this.notices = notices;
  }

  @Override
  public void notify(DelegateTask task) {
    String reopen = Vars.REOPEN_REASON.get(task);
    Notice notice = switch (String.valueOf(TaskElements.processKey(task))) {
      case CountyAssignmentProcess.KEY ->
          assignmentNotice(element(CountyAssignmentProcess.Element.class, task), task, reopen);
      case RectificationItemProcess.KEY ->
          itemNotice(element(RectificationItemProcess.Element.class, task), task, reopen);
      default -> throw noNotice(task);
    };
    if (reopen != null) {
      task.getExecution().removeVariable(Vars.REOPEN_REASON.name());
    }
    if (notice != null) {
      request(task, notice.template(), notice.reason());
    }
  }

  /** The mail a template gives, with the reason it names; null: no mail. */
  private record Notice(String template, String reason) {}

  private static Notice assignmentNotice(CountyAssignmentProcess.Element element, DelegateTask task, String reopen) {
    return switch (element) {
      case acceptAssignment -> reopen == null
          ? new Notice(NoticeTemplates.ASSIGNMENT_DISPATCHED, null)
          : new Notice(NoticeTemplates.ASSIGNMENT_REOPENED, reopen);
      default -> throw noNotice(task);
    };
  }

  private static Notice itemNotice(RectificationItemProcess.Element element, DelegateTask task, String reopen) {
    return switch (element) {
      case draftRectificationPlan -> reopen == null
          ? new Notice(NoticeTemplates.ASSIGNMENT_DISPATCHED, null)
          : new Notice(NoticeTemplates.ASSIGNMENT_REOPENED, reopen);
      case lookBackSelfCheck -> new Notice(NoticeTemplates.LOOK_BACK_DUE, null);
      default -> throw noNotice(task);
    };
  }

  private static <E extends Enum<E>> E element(Class<E> elements, DelegateTask task) {
    try {
      return Enum.valueOf(elements, task.getTaskDefinitionKey());
    } catch (IllegalArgumentException notInTheDiagram) {
      throw noNotice(task);
    }
  }

  private static IllegalStateException noNotice(DelegateTask task) {
    return new IllegalStateException("No notice for task " + task.getTaskDefinitionKey());
  }

  private void request(DelegateTask task, String template, String reason) {
    NoticeTemplates.Mail mail = templates.render(template, task, reason);
    var groups = new java.util.ArrayList<>(task.getCandidates().stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList());
    if (NoticeTemplates.ASSIGNMENT_DISPATCHED.equals(template)) {
      // cooperating units (配合单位) are told of the dispatch too
      org.ecobureau.oversight.identity.OrgDirectory.splitList(
              (String) task.getVariable(org.ecobureau.oversight.assignment.KeyTaskProcess.Vars.COOP_UNITS.name()))
          .forEach(u -> groups.add(org.ecobureau.oversight.identity.OrgDirectory.UNIT_GROUP_PREFIX + u));
    }
    notices.request(task.getExecution().getProcessBusinessKey(), template, groups, mail,
        UUID.randomUUID().toString());
  }
}
