package org.ecobureau.oversight.notification;

import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/send-notice.bpmn}: one mail, delivered by the job executor after the
 * step that caused it has committed, retried on failure and left as an incident in Cockpit when
 * the mail server stays down. Business key: that of the item the notice is about.
 */
public final class SendNoticeProcess {

  public static final String KEY = "send-notice";

  public enum Element {
    noticeRequested, deliverMail, noticeDelivered;
  }

  public static final class Vars {
    public static final Var<String> NOTICE_ID = Var.of("noticeId", String.class);
    /** Candidate groups whose members receive the mail, comma separated. */
    public static final Var<String> RECIPIENT_GROUPS = Var.of("recipientGroups", String.class);
    public static final Var<String> SUBJECT = Var.of("subject", String.class);
    public static final Var<String> BODY = Var.of("body", String.class);
    public static final Var<String> TEMPLATE = Var.of("template", String.class);
    public static final Var<String> DELIVERED_TO = Var.of("deliveredTo", String.class);

    private Vars() {}
  }

  private SendNoticeProcess() {}
}
