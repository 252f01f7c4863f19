package org.ecobureau.oversight.reporting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.notification.NoticeRequests;
import org.ecobureau.oversight.notification.NoticeTemplates;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Element;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) on the party's report tasks: one mail per party and period when the
 * report opens (not one per task or row), and one when rows come back.
 */
@Component("reportNotices")
public class ReportNotices implements TaskListener {

  public static final String REPORT_OPENED = "report-opened";
  public static final String ROWS_RETURNED = "report-rows-returned";
  /** How many rows a mail names. */
  static final int MAIL_ROWS = 15;

  private final NoticeTemplates templates;
  private final NoticeRequests notices;
  private final ReportRepository reports;

  public ReportNotices(NoticeTemplates templates, NoticeRequests notices, ReportRepository reports) {
    this.templates = templates;
    this.notices = notices;
    this.reports = reports;
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getExecution().getProcessBusinessKey();
    boolean returned = Element.resubmitReturnedRows.name().equals(task.getTaskDefinitionKey());
    List<ReportRow> rows = reports.rows(key).stream().filter(ReportRow::editable).toList();
    Map<String, Object> model = new HashMap<>();
    model.put("party", Vars.PARTY_NAME.get(task));
    model.put("title", Vars.REPORT_TITLE.get(task));
    model.put("period", Vars.PERIOD_LABEL.get(task));
    model.put("due", task.getDueDate());
    model.put("rowCount", rows.size());
    // the first rows by name (a mail, not the report: the task holds them all)
    model.put("more", rows.size() > MAIL_ROWS ? rows.size() - MAIL_ROWS : null);
    model.put("rows", rows.stream().limit(MAIL_ROWS).map(r -> Map.of("code", r.code(), "title", r.title(),
        "comment", r.reviewComment() == null ? "" : abbreviate(r.reviewComment()), "reviewer", r.reviewName())).toList());
    model.put("link", templates.taskLink(task.getId()));
    String template = returned ? ROWS_RETURNED : REPORT_OPENED;
    notices.request(key, template, List.of(Vars.PARTY_GROUP.get(task)), templates.mail(template, model),
        UUID.randomUUID().toString());
  }
}
