package org.ecobureau.oversight.review;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.reporting.ProgressReport;
import org.ecobureau.oversight.reporting.ReportRepository;
import org.springframework.stereotype.Component;

/** The lead unit's review of a progress report: approve, or return (退回重报) with a comment. */
@Component("reportReviewGuard")
public class ReportReviewGuard implements TaskListener {

  private final ReportRepository reports;
  private final Clock clock;

  public ReportReviewGuard(ReportRepository reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean approved = Decisions.read(task, Vars.REPORT_DECISION, "审核意见", Vars.REPORT_COMMENT, "退回理由");
    reports.review(Vars.REPORT_ID.require(task, "报告编号"),
        approved ? ProgressReport.APPROVED : ProgressReport.RETURNED, Vars.REPORT_COMMENT.text(task, "审核意见", 2000),
        CurrentUser.id(), clock.instant());
  }
}
