package org.ecobureau.oversight.notification;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * Execution listener (start) on the wait states where work is carried out (办理中, 整改中): when the
 * work comes back there because a claim, an acceptance or a sign-off was returned or an objection
 * reopened it, the county is told why (the reason is set by the step that sent it back).
 */
@Component("reopenNotices")
public class ReopenNotices implements ExecutionListener {

  private final NoticeTemplates templates;
  private final NoticeRequests notices;

  public ReopenNotices(NoticeTemplates templates, NoticeRequests notices) {
    this.templates = templates;
    this.notices = notices;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String reason = Vars.REOPEN_REASON.get(execution);
    if (reason == null) {
      return;
    }
    execution.removeVariable(Vars.REOPEN_REASON.name());
    notices.request(execution.getProcessBusinessKey(), NoticeTemplates.ASSIGNMENT_REOPENED,
        List.of(Vars.COUNTY_GROUP.get(execution)), templates.reopened(execution, reason), UUID.randomUUID().toString());
  }
}
