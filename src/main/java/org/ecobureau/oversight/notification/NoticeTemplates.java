package org.ecobureau.oversight.notification;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.springframework.stereotype.Component;

/** The Chinese mails of the key-task lifecycle. */
@Component
public class NoticeTemplates {

  public static final String ASSIGNMENT_DISPATCHED = "assignmentDispatched";
  public static final String REPORT_RETURNED = "reportReturned";
  public static final String ASSIGNMENT_REOPENED = "assignmentReopened";
  public static final String LOOK_BACK_DUE = "lookBackDue";

  public record Mail(String subject, String body) {}

  private final String baseUrl;

  public NoticeTemplates(OversightProperties properties) {
    this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
  }

  public String tasklistLink() {
    return baseUrl + "/camunda/app/tasklist/default/";
  }

  public String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  public Mail render(String template, DelegateTask task, String reason) {
    String code = KeyTaskProcess.Vars.TASK_CODE.get(task);
    String title = KeyTaskProcess.Vars.TASK_TITLE.get(task);
    boolean rectification = task.getExecution().getProcessBusinessKey().startsWith("RI-");
    String kind = rectification ? "督察整改问题" : "重点任务";
    String county = Vars.COUNTY_NAME.get(task);
    String due = task.getDueDate() == null ? "—" : format(task.getDueDate());
    String link = taskLink(task.getId());
    return switch (template) {
      case ASSIGNMENT_DISPATCHED -> new Mail(
          (rectification ? "【整改交办】" : "【任务交办】") + code + " " + title,
          county + "：\n\n市生态环境局已将" + kind + " " + code + "「" + title + "」交办贵单位，"
              + (rectification ? "请于 " + due + " 前制定并报送整改方案（整改措施、目标、时限、责任领导）。\n\n"
                  : "请于 " + due + " 前在系统中签收，并明确责任人及联系电话。\n\n")
              + "牵头单位：" + nz(KeyTaskProcess.Vars.LEAD_UNIT_NAMES.get(task)) + "\n"
              + "完成时限：" + deadline(task) + "\n\n"
              + "办理链接：" + link + "\n\n此邮件由系统自动发送，请勿直接回复。");
      case REPORT_RETURNED -> new Mail(
          "【退回重报】" + code + " " + title,
          county + "：\n\n贵单位报送的" + kind + " " + code + "「" + title + "」" + nz(Vars.PERIOD.get(task))
              + " 进展情况已被牵头单位退回，请修改后于 " + due + " 前重新报送。\n\n"
              + "退回理由：" + nz(reason) + "\n\n"
              + "办理链接：" + link + "\n\n此邮件由系统自动发送，请勿直接回复。");
      case ASSIGNMENT_REOPENED -> new Mail(
          "【重新办理】" + code + " " + title,
          county + "：\n\n" + kind + " " + code + "「" + title + "」已重新打开，请按要求继续办理。\n\n"
              + "原因：" + nz(reason) + "\n\n"
              + "办理链接：" + link + "\n\n此邮件由系统自动发送，请勿直接回复。");
      case LOOK_BACK_DUE -> new Mail(
          "【回头看】" + code + " " + title,
          county + "：\n\n督察整改问题 " + code + "「" + title + "」已销号，现开展第"
              + task.getVariable("lookBackRound") + "次回头看，请于 " + due
              + " 前完成现场自查并在系统中报送自查情况，严防问题反弹。\n\n"
              + "办理链接：" + link + "\n\n此邮件由系统自动发送，请勿直接回复。");
      default -> throw new IllegalArgumentException("Unknown notice template " + template);
    };
  }

  private static String deadline(DelegateTask task) {
    Date d = KeyTaskProcess.Vars.DEADLINE.get(task);
    return d == null ? "长期坚持" : format(d);
  }

  private static String format(Date d) {
    SimpleDateFormat f = new SimpleDateFormat("yyyy年M月d日");
    f.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
    return f.format(d);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
