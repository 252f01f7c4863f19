package org.ecobureau.oversight.reporting;

import java.time.Instant;
import java.time.LocalDate;

/** One periodic report of one party and period (table OV_PERIODIC_REPORT). */
public record PeriodicReport(
    String businessKey, String party, String partyName, String partyGroup, String period,
    String processInstanceId, LocalDate dueDate, String state, String filledBy, String countyLeader,
    String submittedBy, Instant submittedAt) {

  public static final String OPEN = "open";
  public static final String SUBMITTED = "submitted";
  public static final String CLOSED = "closed";
}
