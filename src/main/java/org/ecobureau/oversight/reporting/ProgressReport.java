package org.ecobureau.oversight.reporting;

import java.time.Instant;

/** One periodic progress report of a county assignment (table OV_PROGRESS_REPORT). */
public record ProgressReport(
    String id,
    String businessKey,
    String processInstanceId,
    String period,
    int progress,
    String statusClass,
    String workDone,
    String problems,
    String nextSteps,
    String filledBy,
    String countyLeader,
    String submittedBy,
    Instant submittedAt,
    String outcome,
    String reviewComment,
    String reviewedBy,
    Instant reviewedAt) {

  public static final String SUBMITTED = "submitted";
  public static final String APPROVED = "approved";
  public static final String RETURNED = "returned";
}
