package org.ecobureau.oversight.escalation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.NoticeRequests;
import org.ecobureau.oversight.notification.NoticeTemplates;
import org.springframework.stereotype.Component;

/** The Chinese mails of the escalation ladder: one per level reached, to the people that level concerns. */
@Component
public class EscalationNotices {

  public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final NoticeRequests notices;
  private final NoticeTemplates templates;

  public EscalationNotices(NoticeRequests notices, NoticeTemplates templates) {
    this.notices = notices;
    this.templates = templates;
  }

  /** Mails the level just reached; the notice id is derived from case, level and due date. */
  public void levelReached(SupervisionCase c, WarningLevel level, String reason, LocalDate today) {
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
    String subject = switch (level) {
      case REMINDER -> "【临期提醒】";
      case OVERDUE -> "【逾期催办】";
      case YELLOW -> "【黄牌预警】";
      case RED -> "【红牌督办】";
      case LISTED -> "【挂牌督办】";
      case NONE -> throw new IllegalArgumentException("No mail for level none");
    } + c.code() + " " + c.title();
    String due = c.dueDate() == null ? "—" : DAY.format(c.dueDate());
    String ask = switch (level) {
      case REMINDER -> "「" + nz(c.openTaskName()) + "」将于 " + due + " 到期，请按时办理。";
      case OVERDUE -> "「" + nz(c.openTaskName()) + "」已超过办理时限（" + due + "），现予催办，请立即办理。";
      case YELLOW -> "已被亮黄牌预警（" + reason + "），请立即整改并报送进展。";
      case RED -> "已被亮红牌（" + reason + "），列入通报；市局将安排约谈，请于 30 个工作日内报送书面说明。";
      case LISTED -> "已被市局挂牌督办（" + reason + "），挂牌期间请每周报送工作进展，直至解除挂牌。";
      case NONE -> "";
    };
    String body = c.countyName() + "：\n\n" + c.kindLabel() + " " + c.code() + "「" + c.title() + "」" + ask + "\n\n"
        + "牵头单位：" + nz(c.leadNames()) + "\n"
        + "当前预警等级：" + level.label() + "\n\n"
        + "办理入口：" + templates.tasklistLink() + "\n\n此邮件由系统自动发送，请勿直接回复。";
    String noticeKey = c.businessKey() + "|" + level.code() + "|" + (c.dueDate() == null ? today : c.dueDate());
    notices.request(c.businessKey(), "escalation-" + level.code(), groups, new NoticeTemplates.Mail(subject, body),
        UUID.nameUUIDFromBytes(noticeKey.getBytes(StandardCharsets.UTF_8)).toString());
  }

  /** A mail to the county (and leads) with a supervision letter or another supervision notice. */
  public void send(SupervisionCase c, String template, List<String> groups, String subject, String body, String key) {
    notices.request(c.businessKey(), template, groups, new NoticeTemplates.Mail(subject, body),
        UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
