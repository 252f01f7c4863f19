package org.ecobureau.oversight.reporting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.escalation.EscalationLadder;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * A lead unit's review of its rows of a submitted report: every row approved with a 进度判定
 * (序时推进 / 滞后 / 已完成) or returned with a comment (saved through the report API as the reviewer
 * works). Approved rows bring the judgement to the escalation ladder (滞后 once: yellow; twice in
 * a row: red); returned rows go back to the party in one 退回重报 task.
 */
@Component("rowReviewGuard")
public class RowReviewGuard implements TaskListener {

  public static final String APPROVE = "approve";
  public static final String RETURN = "return";

  private final ReportRepository reports;
  private final EscalationLadder ladder;
  private final org.ecobureau.oversight.escalation.CaseRepository cases;
  private final Clock clock;

  public RowReviewGuard(ReportRepository reports, EscalationLadder ladder,
      org.ecobureau.oversight.escalation.CaseRepository cases, Clock clock) {
    this.cases = cases;
    this.reports = reports;
    this.ladder = ladder;
    this.clock = clock;
  }

  /** The rows a review task of this group decides: submitted and not yet decided for good. */
  public static List<ReportRow> rowsToReview(List<ReportRow> rows, String group) {
    return rows.stream().filter(r -> ReportRow.SUBMITTED.equals(r.state()) && group.equals(r.reviewGroup())).toList();
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getExecution().getProcessBusinessKey();
    String group = Vars.REVIEW_GROUP.get(task);
    List<ReportRow> rows = rowsToReview(reports.rows(key), group);
    for (ReportRow row : rows) {
      String decision = reports.reviewDecision(key, row.caseKey()).orElse(null);
      if (decision == null) {
        throw RowValues.problem(row, "decision", "审核意见", "尚未审核（请选择通过或退回）");
      }
      if (APPROVE.equals(decision) && (row.judgement() == null || !ReportRow.JUDGEMENTS.contains(row.judgement()))) {
        throw RowValues.problem(row, "judgement", "进度判定", "通过时应判定为 序时推进、滞后 或 已完成");
      }
      if (RETURN.equals(decision) && (row.reviewComment() == null || row.reviewComment().isBlank())) {
        throw RowValues.problem(row, "comment", "退回理由", "退回时必须填写");
      }
      if (!APPROVE.equals(decision) && !RETURN.equals(decision)) {
        throw new FieldValidationException("decision", "审核意见", "应为 approve（通过）或 return（退回）");
      }
    }
    Instant now = clock.instant();
    String actor = CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id();
    for (ReportRow row : rows) {
      boolean approved = APPROVE.equals(reports.reviewDecision(key, row.caseKey()).orElseThrow());
      reports.reviewed(key, row.caseKey(), approved ? ReportRow.APPROVED : ReportRow.RETURNED, actor, now);
      reports.recordEvent(new ReportRepository.RowEvent(key, row.caseKey(), row.round(),
          approved ? ReportRow.APPROVED : ReportRow.RETURNED, now, actor, null, null, null, null, null, null, false,
          null, null, null, approved ? row.judgement() : null, row.reviewComment()));
      if (approved) {
        if (row.achieved() != null) {
          cases.setAchieved(row.caseKey(), row.achieved());
        }
        ladder.reportApproved(row.caseKey(), row.judgement(), actor);
      }
    }
  }
}
