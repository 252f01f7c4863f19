package org.ecobureau.oversight.notification;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
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
    String template;
    String reason = null;
    switch (task.getTaskDefinitionKey()) {
      case "acceptAssignment" -> template = NoticeTemplates.ASSIGNMENT_DISPATCHED;
      case "draftRectificationPlan" -> {
        template = reopen == null ? NoticeTemplates.ASSIGNMENT_DISPATCHED : NoticeTemplates.ASSIGNMENT_REOPENED;
        reason = reopen;
      }
      case "reviseProgressReport", "reviseRectificationReport" -> {
        template = NoticeTemplates.REPORT_RETURNED;
        reason = Vars.REPORT_COMMENT.get(task);
      }
      case "submitProgressReport", "submitRectificationReport" -> {
        if (reopen == null) {
          return;
        }
        template = NoticeTemplates.ASSIGNMENT_REOPENED;
        reason = reopen;
      }
      case "lookBackSelfCheck" -> template = NoticeTemplates.LOOK_BACK_DUE;
      default -> throw new IllegalStateException("No notice for task " + task.getTaskDefinitionKey());
    }
    if (reopen != null) {
      task.getExecution().removeVariable(Vars.REOPEN_REASON.name());
    }
    request(task, template, reason);
  }

  private void request(DelegateTask task, String template, String reason) {
    NoticeTemplates.Mail mail = templates.render(template, task, reason);
    var groups = task.getCandidates().stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    notices.request(task.getExecution().getProcessBusinessKey(), template, groups, mail,
        UUID.randomUUID().toString());
  }
}
