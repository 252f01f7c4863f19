package org.ecobureau.oversight.escalation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.NoticeRequests;
import org.ecobureau.oversight.notification.NoticeTemplates;
import org.springframework.stereotype.Component;

/**
 * The mails of the escalation ladder: one per level reached, to the people that level concerns
 * ({@code templates/mail/escalation-<level>.*.mustache}), and the ladder's other mails (supervision
 * letter, extension decision, overdue written report), each from its template.
 */
@Component
public class EscalationNotices {

  /** The Chinese long date of every text (see {@link TextTemplates#DAY}). */
  public static final DateTimeFormatter DAY = TextTemplates.DAY;

  private final NoticeRequests notices;
  private final NoticeTemplates templates;

  public EscalationNotices(NoticeRequests notices, NoticeTemplates templates) {
    this.notices = notices;
    this.templates = templates;
  }

  /** Mails the level just reached; the notice id is derived from case, level and due date. */
  public void levelReached(SupervisionCase c, WarningLevel level, String reason, LocalDate today) {
    if (level == WarningLevel.NONE) {
      throw new IllegalArgumentException("No mail for level none");
    }
    List<String> groups = new ArrayList<>();
    groups.add(c.countyGroup());
    if (level.rank() >= WarningLevel.OVERDUE.rank()) {
      groups.addAll(c.leadGroupList());
    }
    if (level.rank() >= WarningLevel.YELLOW.rank()) {
      groups.add(OrgDirectory.LEAD_GROUP);
    }
    if (level.rank() >= WarningLevel.RED.rank()) {
      groups.add(OrgDirectory.SUPERVISOR_GROUP);
    }
    Map<String, Object> model = model(c);
    model.put("due", c.dueDate() == null ? "—" : c.dueDate());
    model.put("reason", reason);
    model.put("levelLabel", level.label());
    model.put("tasklistLink", templates.tasklistLink());
    String noticeKey = c.businessKey() + "|" + level.code() + "|" + (c.dueDate() == null ? today : c.dueDate());
    String template = "escalation-" + level.code();
    notices.request(c.businessKey(), template, groups, templates.mail(template, model),
        UUID.nameUUIDFromBytes(noticeKey.getBytes(StandardCharsets.UTF_8)).toString());
  }

  /**
   * A mail about the case from {@code templates/mail/<template>.*.mustache}, with the case's values
   * ({@link #model}) and these; the notice id is derived from {@code key}.
   */
  public void send(SupervisionCase c, String template, List<String> groups, Map<String, ?> values, String key) {
    Map<String, Object> model = model(c);
    model.put("tasklistLink", templates.tasklistLink());
    model.putAll(values);
    notices.request(c.businessKey(), template, groups, templates.mail(template, model),
        UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
  }

  /** What every text about a case may use: countyName, kindLabel, code, title, leadNames, businessKey, openTaskName. */
  static Map<String, Object> model(SupervisionCase c) {
    Map<String, Object> model = new HashMap<>();
    model.put("countyName", c.countyName());
    model.put("kindLabel", c.kindLabel());
    model.put("code", c.code());
    model.put("title", c.title());
    model.put("leadNames", c.leadNames());
    model.put("businessKey", c.businessKey());
    model.put("openTaskName", c.openTaskName());
    return model;
  }
}
