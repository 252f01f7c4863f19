package org.ecobureau.oversight.reporting;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of a periodic report: one assignment or rectification item ({@code caseKey}) of the
 * party, reviewed by one lead unit ({@code reviewGroup}). The party's values are a draft until the
 * report is submitted; the reviewer's decision and judgement (进度判定) follow.
 */
public record ReportRow(
    String reportKey, String caseKey, int seq, String kind, String code, String title,
    String reviewGroup, String reviewName, LocalDate deadline, Integer expectedProgress,
    String state, int round, Integer progress, String workDone, String problems, String nextSteps,
    String achieved, boolean claim, String claimType, String claimSummary, Instant submittedAt,
    String judgement, String reviewComment, String reviewedBy, Instant reviewedAt, String target) {

  /** Opened, being filled in (or a draft saved). */
  public static final String OPEN = "open";
  public static final String SUBMITTED = "submitted";
  public static final String APPROVED = "approved";
  public static final String RETURNED = "returned";

  /** 进度判定, set by the lead unit. */
  public static final String ON_PACE = "序时推进";
  public static final String LAGGING = "滞后";
  public static final String DONE = "已完成";
  public static final java.util.List<String> JUDGEMENTS = java.util.List.of(ON_PACE, LAGGING, DONE);

  /** Whether the party fills this row in its current task. */
  public boolean editable() {
    return OPEN.equals(state) || RETURNED.equals(state);
  }

  public ReportRow withValues(Integer progress, String workDone, String problems, String nextSteps, String achieved,
      boolean claim, String claimType, String claimSummary) {
    return new ReportRow(reportKey, caseKey, seq, kind, code, title, reviewGroup, reviewName, deadline,
        expectedProgress, state, round, progress, workDone, problems, nextSteps, achieved, claim, claimType,
        claimSummary, submittedAt, judgement, reviewComment, reviewedBy, reviewedAt, target);
  }
}
