package org.ecobureau.oversight.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Progress reports, written in the engine's transaction (same data source), so a refused or
 * failed step leaves no report behind.
 */
@Repository
public class ReportRepository {

  private final JdbcTemplate jdbc;

  public ReportRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ProgressReport r) {
    jdbc.update("INSERT INTO OV_PROGRESS_REPORT (ID, BUSINESS_KEY, PROC_INST_ID, PERIOD, PROGRESS,"
            + " STATUS_CLASS, WORK_DONE, PROBLEMS, NEXT_STEPS, FILLED_BY, COUNTY_LEADER, SUBMITTED_BY,"
            + " SUBMITTED_AT, OUTCOME) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        r.id(), r.businessKey(), r.processInstanceId(), r.period(), r.progress(), r.statusClass(),
        r.workDone(), r.problems(), r.nextSteps(), r.filledBy(), r.countyLeader(), r.submittedBy(),
        Timestamp.from(r.submittedAt()), r.outcome());
  }

  public void review(String id, String outcome, String comment, String reviewer, Instant at) {
    jdbc.update("UPDATE OV_PROGRESS_REPORT SET OUTCOME=?, REVIEW_COMMENT=?, REVIEWED_BY=?, REVIEWED_AT=?"
        + " WHERE ID=?", outcome, comment, reviewer, Timestamp.from(at), id);
  }

  /** True when the period has a report that was not returned. */
  public boolean periodTaken(String businessKey, String period) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM OV_PROGRESS_REPORT WHERE BUSINESS_KEY=? AND PERIOD=?"
        + " AND OUTCOME <> 'returned'", Long.class, businessKey, period);
    return n != null && n > 0;
  }

  public Optional<String> lastApprovedPeriod(String businessKey) {
    return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(PERIOD) FROM OV_PROGRESS_REPORT"
        + " WHERE BUSINESS_KEY=? AND OUTCOME='approved'", String.class, businessKey));
  }

  public List<ProgressReport> findByBusinessKey(String businessKey) {
    return jdbc.query("SELECT * FROM OV_PROGRESS_REPORT WHERE BUSINESS_KEY=? ORDER BY SUBMITTED_AT, ID",
        this::map, businessKey);
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
