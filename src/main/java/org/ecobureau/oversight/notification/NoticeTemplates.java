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

  public record Mail(String subject, String body) {}

  private final String baseUrl;

  public NoticeTemplates(OversightProperties properties) {
    this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
  }

  public String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  public Mail render(String template, DelegateTask task, String reason) {
    String code = KeyTaskProcess.Vars.TASK_CODE.get(task);
    String title = KeyTaskProcess.Vars.TASK_TITLE.get(task);
    String county = Vars.COUNTY_NAME.get(task);
    String due = task.getDueDate() == null ? "—" : format(task.getDueDate());
    String link = taskLink(task.getId());
    return switch (template) {
      case ASSIGNMENT_DISPATCHED -> new Mail(
          "【任务交办】" + code + " " + title,
          county + "：\n\n市生态环境局已将重点任务 " + code + "「" + title + "」交办贵单位，"
              + "请于 " + due + " 前在系统中签收，并明确责任人及联系电话。\n\n"
              + "牵头单位：" + nz(KeyTaskProcess.Vars.LEAD_UNIT_NAMES.get(task)) + "\n"
              + "完成时限：" + deadline(task) + "\n\n"
              + "办理链接：" + link + "\n\n此邮件由系统自动发送，请勿直接回复。");
      case REPORT_RETURNED -> new Mail(
          "【退回重报】" + code + " " + title,
          county + "：\n\n贵单位报送的重点任务 " + code + "「" + title + "」" + nz(Vars.PERIOD.get(task))
              + " 进展情况已被牵头单位退回，请修改后于 " + due + " 前重新报送。\n\n"
              + "退回理由：" + nz(reason) + "\n\n"
              + "办理链接：" + link + "\n\n此邮件由系统自动发送，请勿直接回复。");
      case ASSIGNMENT_REOPENED -> new Mail(
          "【重新办理】" + code + " " + title,
          county + "：\n\n重点任务 " + code + "「" + title + "」已重新打开，请继续按期报送进展。\n\n"
              + "原因：" + nz(reason) + "\n\n"
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
