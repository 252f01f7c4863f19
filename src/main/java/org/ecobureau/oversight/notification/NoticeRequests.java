package org.ecobureau.oversight.notification;

import java.util.Collection;
import java.util.LinkedHashSet;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Requests a mail: starts a {@code send-notice} instance in the caller's transaction, so the
 * mail goes out (asynchronously, with retries) only if the step that caused it commits.
 */
@Component
public class NoticeRequests {

  private final RuntimeService runtimeService;

  public NoticeRequests(@Lazy RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /**
   * @param noticeId identifies the mail (its Message-ID); a deterministic id makes a repeated
   *     request recognisable as the same mail
   */
  public void request(String businessKey, String template, Collection<String> groups,
      NoticeTemplates.Mail mail, String noticeId) {
    var variables = Variables.createVariables()
        .putValue(SendNoticeProcess.Vars.NOTICE_ID.name(), noticeId)
        .putValue(SendNoticeProcess.Vars.TEMPLATE.name(), template)
        .putValue(SendNoticeProcess.Vars.RECIPIENT_GROUPS.name(), String.join(",", new LinkedHashSet<>(groups)))
        .putValue(SendNoticeProcess.Vars.SUBJECT.name(), mail.subject())
        .putValue(SendNoticeProcess.Vars.BODY.name(), mail.body());
    // Whoever's step triggers it, only the system may start notices.
    CommandContext context = Context.getCommandContext();
    if (context != null) {
      context.runWithoutAuthorization(() ->
          runtimeService.startProcessInstanceByKey(SendNoticeProcess.KEY, businessKey, variables));
    } else {
      runtimeService.startProcessInstanceByKey(SendNoticeProcess.KEY, businessKey, variables);
    }
  }
}
