package org.ecobureau.oversight.reporting;

import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.evidence.EvidencePolicy;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Element;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.ecobureau.oversight.reporting.ReportRepository.RowFile;
import org.ecobureau.oversight.web.ApiErrors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the report forms read and save while a person works on a report task: the rows with last
 * period's values as reference and the expected pace, the party's drafts, evidence files, and the
 * reviewer's decisions. Who may do what is decided here from the engine: to read, the caller must
 * be able to see the task; to change anything, they must work on it (its assignee or a candidate,
 * not merely a city-wide reader); and only the rows of that task can be read or changed.
 */
@Service
public class PeriodicReportService {

  /** Fill (the party's report tasks) or review (a lead unit's review task). */
  public enum Mode { fill, review }

  private final TaskService taskService;
  private final org.camunda.bpm.engine.RuntimeService runtime;
  private final IdentityService identityService;
  private final ReportRepository reports;
  private final EvidencePolicy evidence;
  private final ReportingRound round;
  private final org.ecobureau.oversight.OversightProperties.Reporting settings;
  private final Clock clock;

  public PeriodicReportService(TaskService taskService, org.camunda.bpm.engine.RuntimeService runtime,
      IdentityService identityService, ReportRepository reports,
      EvidencePolicy evidence, ReportingRound round, org.ecobureau.oversight.OversightProperties properties,
      Clock clock) {
    this.taskService = taskService;
    this.runtime = runtime;
    this.identityService = identityService;
    this.reports = reports;
    this.evidence = evidence;
    this.round = round;
    this.settings = properties.reporting();
    this.clock = clock;
  }

  /** A report task the caller may work on, with its report and the rows it covers. */
  public record TaskView(Task task, Mode mode, PeriodicReport report, String reviewGroup, List<ReportRow> rows) {}

  public TaskView task(String taskId) {
    Task task = taskService.createTaskQuery().taskId(taskId).processDefinitionKey(PeriodicReportProcess.KEY)
        .singleResult();   // with the caller's authorization: only a task they may see
    if (task == null) {
      throw new IllegalArgumentException("报送任务不存在或无权查看：" + taskId);
    }
    return asSystem(() -> {
      String key = businessKeyOf(task);
      PeriodicReport report = reports.findReport(key).orElseThrow(() -> new IllegalArgumentException("报送不存在"));
      List<ReportRow> all = reports.rows(key);
      if (Element.reviewReportRows.name().equals(task.getTaskDefinitionKey())) {
        String group = (String) taskService.getVariableLocal(taskId, Vars.REVIEW_GROUP.name());
        if (group == null) {
          group = (String) taskService.getVariable(taskId, Vars.REVIEW_GROUP.name());
        }
        return new TaskView(task, Mode.review, report, group, RowReviewGuard.rowsToReview(all, group));
      }
      return new TaskView(task, Mode.fill, report, null, all.stream().filter(ReportRow::editable).toList());
    });
  }

  /** The form's model: the report, and per row its values, reference and files. */
  public Map<String, Object> view(String taskId) {
    TaskView v = task(taskId);
    Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
    for (RowFile f : reports.files(v.report().businessKey())) {
      files.computeIfAbsent(f.caseKey(), k -> new java.util.ArrayList<>()).add(file(f));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", v.mode().name());
    out.put("reportKey", v.report().businessKey());
    out.put("title", PeriodicReportProcess.title(v.report().partyName(), YearMonth.parse(v.report().period())));
    out.put("party", v.report().partyName());
    out.put("period", PeriodicReportProcess.periodLabel(YearMonth.parse(v.report().period())));
    out.put("due", v.report().dueDate().toString());
    out.put("filledBy", v.report().filledBy());
    out.put("countyLeader", v.report().countyLeader());
    out.put("lagMargin", settings.lagMargin());
    out.put("rows", v.rows().stream().map(r -> row(r, files.getOrDefault(r.caseKey(), List.of()))).toList());
    return out;
  }

  private Map<String, Object> row(ReportRow r, List<Map<String, Object>> files) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("caseKey", r.caseKey());
    m.put("seq", r.seq());
    m.put("kind", r.kind());
    m.put("kindLabel", "RI".equals(r.kind()) ? "督察整改" : "重点任务");
    m.put("code", r.code());
    m.put("title", r.title());
    m.put("reviewer", r.reviewName());
    m.put("deadline", r.deadline() == null ? "长期坚持" : r.deadline().toString());
    m.put("standing", r.deadline() == null);
    m.put("expectedProgress", r.expectedProgress());
    m.put("target", r.target());
    m.put("state", r.state());
    m.put("progress", r.progress());
    m.put("workDone", r.workDone());
    m.put("problems", r.problems());
    m.put("nextSteps", r.nextSteps());
    m.put("achieved", r.achieved());
    m.put("claim", r.claim());
    m.put("claimType", r.claimType());
    m.put("claimSummary", r.claimSummary());
    m.put("judgement", r.judgement());
    m.put("reviewComment", r.reviewComment());
    m.put("decision", reports.reviewDecision(r.reportKey(), r.caseKey()).orElse(null));
    m.put("suggestLagging", r.progress() != null && r.expectedProgress() != null
        && r.expectedProgress() - r.progress() > settings.lagMargin());
    m.put("files", files);
    reports.previousApproved(r.caseKey(), r.reportKey()).ifPresent(p -> m.put("previous", Map.of(
        "report", p.reportKey(), "progress", p.progress() == null ? "" : p.progress(),
        "workDone", p.workDone() == null ? "" : p.workDone(), "judgement", p.judgement() == null ? "" : p.judgement())));
    return m;
  }

  private static Map<String, Object> file(RowFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("name", f.name());
    m.put("size", f.size());
    m.put("url", "/api/periodic-reports/files/" + f.id());
    return m;
  }

  /**
   * The files of the report row a claim came with, for the task reviewing the claim (the caller
   * must see the task; the row is the one of the task's own assignment).
   */
  public List<Map<String, Object>> claimFiles(String taskId) {
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new IllegalArgumentException("任务不存在或无权查看：" + taskId);
    }
    return asSystem(() -> {
      Object report = taskService.getVariable(taskId, org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars
          .CLAIM_REPORT.name());
      String caseKey = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
          .singleResult().getBusinessKey();
      if (!(report instanceof String reportKey)) {
        return List.<Map<String, Object>>of();
      }
      return reports.files(reportKey).stream().filter(f -> f.caseKey().equals(caseKey))
          .map(PeriodicReportService::file).toList();
    });
  }

  /** Saves the party's draft of one row. */
  @Transactional
  public void saveRow(String taskId, String caseKey, Map<String, Object> values) {
    TaskView v = task(taskId);
    ReportRow row = rowOf(v, caseKey, Mode.fill);
    try {
      ReportRow draft = RowValues.draft(row, values.get("progress"), values.get("workDone"), values.get("problems"),
          values.get("nextSteps"), values.get("achieved"), values.get("claim"), values.get("claimType"),
          values.get("claimSummary"));
      reports.saveValues(draft);
    } catch (FieldValidationException e) {
      throw new ApiErrors.BadRequestException(e.getMessage());
    }
  }

  /** Saves the reviewer's decision on one row (it takes effect when the review task completes). */
  @Transactional
  public void saveReview(String taskId, String caseKey, Map<String, Object> values) {
    TaskView v = task(taskId);
    ReportRow row = rowOf(v, caseKey, Mode.review);
    String decision = text(values.get("decision"), 20);
    if (decision != null && !RowReviewGuard.APPROVE.equals(decision) && !RowReviewGuard.RETURN.equals(decision)) {
      throw new ApiErrors.BadRequestException("第" + row.seq() + "行（" + row.code() + "）审核意见应为 approve（通过）或 return（退回）");
    }
    String judgement = text(values.get("judgement"), 20);
    if (judgement != null && !ReportRow.JUDGEMENTS.contains(judgement)) {
      throw new ApiErrors.BadRequestException("第" + row.seq() + "行（" + row.code() + "）进度判定应为 序时推进、滞后 或 已完成");
    }
    String comment = text(values.get("comment"), 1000);
    if (values.get("comment") != null && values.get("comment").toString().strip().length() > 1000) {
      throw new ApiErrors.BadRequestException("第" + row.seq() + "行（" + row.code() + "）审核意见过长，最多 1000 字");
    }
    reports.saveReview(row.reportKey(), caseKey, decision, judgement, comment);
  }

  /** Stores an evidence file of one row, checked by content. */
  @Transactional
  public Map<String, Object> upload(String taskId, String caseKey, String fileName, byte[] content) {
    TaskView v = task(taskId);
    ReportRow row = rowOf(v, caseKey, Mode.fill);
    String name = fileName == null ? "" : fileName.strip();
    if (name.isEmpty() || name.length() > 200) {
      throw new ApiErrors.BadRequestException("第" + row.seq() + "行（" + row.code() + "）佐证材料：文件名为空或过长（最多 200 字）");
    }
    String mime;
    try {
      mime = evidence.checkBytes("evidence", "第" + row.seq() + "行（" + row.code() + "）佐证材料", name, content);
    } catch (FieldValidationException e) {
      throw new ApiErrors.BadRequestException(e.getMessage());
    }
    RowFile f = new RowFile(UUID.randomUUID().toString(), row.reportKey(), caseKey, name, mime, content.length,
        identityService.getCurrentAuthentication().getUserId(), clock.instant());
    reports.insertFile(f, content);
    return file(f);
  }

  @Transactional
  public void deleteFile(String taskId, String fileId) {
    TaskView v = task(taskId);
    RowFile f = reports.file(fileId).filter(x -> x.reportKey().equals(v.report().businessKey()))
        .orElseThrow(() -> new IllegalArgumentException("文件不存在：" + fileId));
    rowOf(v, f.caseKey(), Mode.fill);
    reports.deleteFile(fileId);
  }

  /** A file, if the caller is the report's party, a lead unit with rows in it, or a city-wide role. */
  public RowFile readableFile(String fileId, List<String> callerGroups) {
    RowFile f = reports.file(fileId).orElseThrow(() -> new IllegalArgumentException("文件不存在：" + fileId));
    PeriodicReport report = reports.findReport(f.reportKey()).orElseThrow();
    boolean cityWide = callerGroups.stream().anyMatch(g -> g.equals(OrgDirectory.LEAD_GROUP)
        || g.equals(OrgDirectory.SUPERVISOR_GROUP) || g.equals(OrgDirectory.ADMIN_GROUP));
    boolean party = callerGroups.contains(report.partyGroup());
    boolean reviewer = reports.row(f.reportKey(), f.caseKey()).map(r -> callerGroups.contains(r.reviewGroup()))
        .orElse(false);
    if (!cityWide && !party && !reviewer) {
      throw new IllegalArgumentException("文件不存在：" + fileId);
    }
    return f;
  }

  public byte[] content(String fileId) {
    return reports.content(fileId);
  }

  /** Opens a period's missing reports now (the lead's 开启本期报送), for this or an earlier month. */
  @Transactional
  public int open(YearMonth period) {
    if (period.isAfter(YearMonth.from(WorkingDayCalendar.day(java.util.Date.from(clock.instant()))))) {
      throw new ApiErrors.BadRequestException("报告期 " + period + " 尚未开始，不能开启");
    }
    return asSystem(() -> round.open(period));
  }

  private ReportRow rowOf(TaskView v, String caseKey, Mode mode) {
    if (v.mode() != mode) {
      throw new ApiErrors.ForbiddenException(mode == Mode.fill ? "审核任务不能修改报送内容" : "报送任务不能填写审核意见");
    }
    requireWorker(v.task());
    return v.rows().stream().filter(r -> r.caseKey().equals(caseKey)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("本任务中没有事项 " + caseKey));
  }

  /**
   * Changing a task's rows (drafts, evidence, decisions) is for those who work on it: its assignee
   * or a candidate (the party's group for a report, the lead unit's for a review). Seeing a task is
   * not enough: the city-wide roles (the leads, the supervision office) read every task, and they
   * must not write a county's report or decide a lead unit's rows.
   */
  private void requireWorker(Task task) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null) {
      return;   // the server itself
    }
    String userId = caller.getUserId();
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (userId != null && userId.equals(task.getAssignee())) {
      return;
    }
    boolean candidate = asSystem(() -> taskService.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType())
            && (l.getGroupId() != null && groups.contains(l.getGroupId())
                || l.getUserId() != null && l.getUserId().equals(userId))));
    if (!candidate) {
      throw new ApiErrors.ForbiddenException("只有本任务的办理单位可以修改「" + task.getName() + "」");
    }
  }

  private String businessKeyOf(Task task) {
    return reports.businessKeyOfInstance(task.getProcessInstanceId());
  }

  private static String text(Object value, int max) {
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    return s.isEmpty() ? null : s.length() > max ? s.substring(0, max) : s;
  }

  private <T> T asSystem(Supplier<T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
