package org.ecobureau.oversight.reporting;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.calendar.DateParser;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.evidence.EvidencePolicy;
import org.springframework.stereotype.Component;

/**
 * Validates a progress report on the server (the browser checks the same, but the REST API can
 * be called directly) and records it. A refused report changes nothing.
 */
@Component("progressReportGuard")
public class ProgressReportGuard implements TaskListener {

  public static final Set<String> STATUS_CLASSES = Set.of("已完成", "序时推进", "滞后");

  private final ReportRepository reports;
  private final WorkingDayCalendar calendar;

  private final EvidencePolicy evidence;
  private final Clock clock;

  public ProgressReportGuard(ReportRepository reports, WorkingDayCalendar calendar, EvidencePolicy evidence,
      Clock clock) {
    this.reports = reports;
    this.calendar = calendar;
    this.evidence = evidence;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution().getProcessBusinessKey();
    String period = Vars.PERIOD.requireText(task, "报告期", 7).strip();
    YearMonth month = DateParser.period(period).orElseThrow(() ->
        new FieldValidationException(Vars.PERIOD.name(), "报告期", "格式应为 YYYY-MM，例如 2026-10"));
    if (month.isAfter(YearMonth.from(calendar.today()))) {
      throw new FieldValidationException(Vars.PERIOD.name(), "报告期", "不能晚于本月");
    }
    if (reports.periodTaken(businessKey, period)) {
      throw new FieldValidationException(Vars.PERIOD.name(), "报告期", period + " 的进展已报送，不能重复报送");
    }
    Number progressValue = Vars.PROGRESS.require(task, "完成进度(%)");
    double p = progressValue.doubleValue();
    if (p != Math.rint(p) || p < 0 || p > 100) {
      throw new FieldValidationException(Vars.PROGRESS.name(), "完成进度(%)", "应为 0 到 100 之间的整数，收到 " + progressValue);
    }
    int progress = (int) p;
    String statusClass = Vars.STATUS_CLASS.require(task, "进展状态");
    if (!STATUS_CLASSES.contains(statusClass)) {
      throw new FieldValidationException(Vars.STATUS_CLASS.name(), "进展状态", "应为 已完成、序时推进 或 滞后");
    }
    if ("已完成".equals(statusClass) && progress != 100) {
      throw new FieldValidationException(Vars.PROGRESS.name(), "完成进度(%)", "进展状态为“已完成”时应为 100");
    }
    String workDone = Vars.WORK_DONE.requireText(task, "本期工作进展", 4000);
    String filledBy = Vars.FILLED_BY.requireText(task, "填报人", 100);
    evidence.check(task, Vars.REPORT_EVIDENCE.name(), "佐证材料");
    String leader = Vars.COUNTY_LEADER.requireText(task, "县区分管领导", 100);
    Object wants = task.getVariable(Vars.WANTS_COMPLETION.name());
    if (wants != null && !(wants instanceof Boolean)) {
      throw new FieldValidationException(Vars.WANTS_COMPLETION.name(), "申请销号", "应为 true 或 false");
    }
    if (wants == null) {
      Vars.WANTS_COMPLETION.set(task, false);
    }
    Vars.PROGRESS.set(task, progress);

    String id = UUID.randomUUID().toString();
    reports.insert(new ProgressReport(id, businessKey, task.getProcessInstanceId(), period, progress,
        statusClass, workDone, Vars.PROBLEMS.text(task, "存在问题", 4000), Vars.NEXT_STEPS.text(task, "下步打算", 4000), filledBy, leader,
        CurrentUser.id(), clock.instant(), ProgressReport.SUBMITTED, null, null, null));
    Vars.REPORT_ID.set(task, id);
  }
}
