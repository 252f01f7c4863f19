package org.ecobureau.oversight.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Progress reports, written in the engine's transaction (same data source), so a refused or
 * failed step leaves no report behind.
 */
@Repository
public class ReportRepository {

  private final JdbcClient jdbc;

  public ReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ProgressReport r) {
    jdbc.sql("INSERT INTO OV_PROGRESS_REPORT (ID, BUSINESS_KEY, PROC_INST_ID, PERIOD, PROGRESS,"
            + " STATUS_CLASS, WORK_DONE, PROBLEMS, NEXT_STEPS, FILLED_BY, COUNTY_LEADER, SUBMITTED_BY,"
            + " SUBMITTED_AT, OUTCOME) VALUES (:id, :businessKey, :processInstanceId, :period, :progress,"
            + " :statusClass, :workDone, :problems, :nextSteps, :filledBy, :countyLeader, :submittedBy,"
            + " :submittedAt, :outcome)")
        .param("id", r.id()).param("businessKey", r.businessKey()).param("processInstanceId", r.processInstanceId())
        .param("period", r.period()).param("progress", r.progress()).param("statusClass", r.statusClass())
        .param("workDone", r.workDone()).param("problems", r.problems()).param("nextSteps", r.nextSteps())
        .param("filledBy", r.filledBy()).param("countyLeader", r.countyLeader())
        .param("submittedBy", r.submittedBy()).param("submittedAt", Timestamp.from(r.submittedAt()))
        .param("outcome", r.outcome())
        .update();
  }

  public void review(String id, String outcome, String comment, String reviewer, Instant at) {
    jdbc.sql("UPDATE OV_PROGRESS_REPORT SET OUTCOME=:outcome, REVIEW_COMMENT=:comment, REVIEWED_BY=:reviewer,"
            + " REVIEWED_AT=:at WHERE ID=:id")
        .param("outcome", outcome).param("comment", comment).param("reviewer", reviewer)
        .param("at", Timestamp.from(at)).param("id", id).update();
  }

  /** True when the period has a report that was not returned. */
  public boolean periodTaken(String businessKey, String period) {
    Long n = jdbc.sql("SELECT COUNT(*) FROM OV_PROGRESS_REPORT WHERE BUSINESS_KEY=:businessKey AND PERIOD=:period"
            + " AND OUTCOME <> 'returned'")
        .param("businessKey", businessKey).param("period", period).query(Long.class).single();
    return n != null && n > 0;
  }

  public Optional<String> lastApprovedPeriod(String businessKey) {
    return jdbc.sql("SELECT MAX(PERIOD) FROM OV_PROGRESS_REPORT WHERE BUSINESS_KEY=:businessKey"
            + " AND OUTCOME='approved'")
        .param("businessKey", businessKey).query(String.class).optional();
  }

  public List<ProgressReport> findByBusinessKey(String businessKey) {
    return jdbc.sql("SELECT * FROM OV_PROGRESS_REPORT WHERE BUSINESS_KEY=:businessKey ORDER BY SUBMITTED_AT, ID")
        .param("businessKey", businessKey).query(this::map).list();
  }

  private ProgressReport map(ResultSet rs, int i) throws SQLException {
    Timestamp reviewed = rs.getTimestamp("REVIEWED_AT");
    return new ProgressReport(rs.getString("ID"), rs.getString("BUSINESS_KEY"),
        rs.getString("PROC_INST_ID"), rs.getString("PERIOD"), rs.getInt("PROGRESS"),
        rs.getString("STATUS_CLASS"), rs.getString("WORK_DONE"), rs.getString("PROBLEMS"),
        rs.getString("NEXT_STEPS"), rs.getString("FILLED_BY"), rs.getString("COUNTY_LEADER"),
        rs.getString("SUBMITTED_BY"), rs.getTimestamp("SUBMITTED_AT").toInstant(),
        rs.getString("OUTCOME"), rs.getString("REVIEW_COMMENT"), rs.getString("REVIEWED_BY"),
        reviewed == null ? null : reviewed.toInstant());
  }
}
