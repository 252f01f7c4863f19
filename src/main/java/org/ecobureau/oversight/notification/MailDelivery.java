package org.ecobureau.oversight.notification;

import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.SendNoticeProcess.Vars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one notice through the configured SMTP server to the members of its recipient groups.
 * Runs as an asynchronous job: a failure throws, the engine retries per the diagram's retry
 * cycle and raises an incident when retries run out. A failure the mail server causes is logged
 * as one line and thrown as a short {@link DeliveryFailed} (no 240-line trace per attempt). The
 * job executor's locking runs each notice on one node only. If the commit after a successful
 * send is lost, the retry sends again; the Message-ID is derived from the notice id, so such a
 * duplicate carries the same id and can be recognised.
 */
@Component("mailDelivery")
public class MailDelivery implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

  private final JavaMailSender mailSender;
  private final IdentityService identityService;
  private final String from;

  public MailDelivery(JavaMailSender mailSender, IdentityService identityService, OversightProperties properties) {
    this.mailSender = mailSender;
    this.identityService = identityService;
    this.from = properties.mail().from();
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    String noticeId = Vars.NOTICE_ID.require(execution, "noticeId");
    Set<String> recipients = new LinkedHashSet<>();
    for (String group : OrgDirectory.splitList(Vars.RECIPIENT_GROUPS.get(execution))) {
      for (User u : identityService.createUserQuery().memberOfGroup(group).list()) {
        if (u.getEmail() != null && !u.getEmail().isBlank()) {
          recipients.add(u.getEmail());
        }
      }
    }
    if (recipients.isEmpty()) {
      LOG.warn("Notice {} ({}) has no recipient with a mail address in groups {}", noticeId,
          execution.getProcessBusinessKey(), Vars.RECIPIENT_GROUPS.get(execution));
      Vars.DELIVERED_TO.set(execution, "");
      return;
    }
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(from);
    helper.setTo(recipients.toArray(String[]::new));
    helper.setSubject(Vars.SUBJECT.get(execution));
    helper.setText(Vars.BODY.get(execution), false);
    message.saveChanges();
    message.setHeader("Message-ID", "<" + noticeId + "@pollution-oversight>");
    try {
      mailSender.send(message);
    } catch (MailException e) {
      // One line per failed attempt, not the mail stack's trace (at DEBUG): the cause is all an
      // operator needs. The short exception keeps the engine's retry and incident as they were.
      String cause = causeOf(e);
      LOG.warn("Notice {} ({}) not delivered to {}: {} (retried per the job's retry cycle, then an incident)",
          noticeId, execution.getProcessBusinessKey(), recipients, cause);
      LOG.debug("Notice {} delivery failure", noticeId, e);
      throw new DeliveryFailed("Mail server did not take notice " + noticeId + ": " + cause);
    }
    Vars.DELIVERED_TO.set(execution, String.join(",", recipients));
    LOG.info("Notice {} ({}) sent to {}", noticeId, execution.getProcessBusinessKey(), recipients);
  }

  /** The innermost message of a mail failure, e.g. "Connection refused", with its exception's name. */
  static String causeOf(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage().strip().replaceAll("\\s+", " ");
    return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  /**
   * A failed delivery as the engine sees it: the job fails (retry, then incident) with this
   * message. No stack trace and no cause: the engine logs a failed job with its trace, which for
   * the mail stack is some 240 lines per attempt saying no more than the message.
   */
  static final class DeliveryFailed extends RuntimeException {
    DeliveryFailed(String message) {
      super(message, null, false, false);
    }
  }
}
