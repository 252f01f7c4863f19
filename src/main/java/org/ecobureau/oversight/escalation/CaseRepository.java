package org.ecobureau.oversight.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** OV_SUPERVISION_CASE and OV_ESCALATION_EVENT. */
@Repository
public class CaseRepository {

  static final String COLUMNS = "BUSINESS_KEY, KIND, PROC_INST_ID, CODE, TITLE, COUNTY, COUNTY_NAME, COUNTY_GROUP,"
      + " LEAD_GROUPS, LEAD_NAMES, DEADLINE, OPEN_TASK_ID, OPEN_TASK_NAME, DUE_DATE, LEVEL_RANK, MAILED_RANK,"
      + " LAG_STREAK, FLAGGED, LISTED, ACTIVE, LEVEL_SINCE";

  private final JdbcTemplate jdbc;

  public CaseRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers a case once; a second registration of the same key changes nothing. */
  public boolean register(SupervisionCase c, Instant now) {
    if (find(c.businessKey()).isPresent()) {
      return false;
    }
    jdbc.update("INSERT INTO OV_SUPERVISION_CASE (" + COLUMNS + ", UPDATED_AT)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        c.businessKey(), c.kind(), c.processInstanceId(), c.code(), c.title(), c.county(), c.countyName(),
        c.countyGroup(), c.leadGroups(), c.leadNames(), date(c.deadline()), c.openTaskId(), c.openTaskName(),
        date(c.dueDate()), c.level().rank(), c.mailedRank(), c.lagStreak(), c.flagged(), c.listed(), c.active(),
        Timestamp.from(now), Timestamp.from(now));
    return true;
  }

  public Optional<SupervisionCase> find(String businessKey) {
    return jdbc.query("SELECT " + COLUMNS + " FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY=?",
        CaseRepository::map, businessKey).stream().findFirst();
  }

  /** Locks the row for the rest of the transaction (two nodes, one case). */
  public Optional<SupervisionCase> lock(String businessKey) {
    return jdbc.query("SELECT " + COLUMNS + " FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY=? FOR UPDATE",
        CaseRepository::map, businessKey).stream().findFirst();
  }

  /** Active cases whose watched due date is on or before {@code cutoff}. */
  public List<SupervisionCase> dueOnOrBefore(LocalDate cutoff) {
    return jdbc.query("SELECT " + COLUMNS + " FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE AND DUE_DATE <= ?"
        + " ORDER BY BUSINESS_KEY", CaseRepository::map, date(cutoff));
  }

  public void openObligation(String businessKey, String taskId, String taskName, LocalDate due, Instant now) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET OPEN_TASK_ID=?, OPEN_TASK_NAME=?, DUE_DATE=?, UPDATED_AT=?"
        + " WHERE BUSINESS_KEY=?", taskId, taskName, date(due), Timestamp.from(now), businessKey);
  }

  /** Clears the obligation if it is still the one with this task id. */
  public boolean closeObligation(String businessKey, String taskId, Instant now) {
    return jdbc.update("UPDATE OV_SUPERVISION_CASE SET OPEN_TASK_ID=NULL, OPEN_TASK_NAME=NULL, DUE_DATE=NULL,"
        + " UPDATED_AT=? WHERE BUSINESS_KEY=? AND OPEN_TASK_ID=?", Timestamp.from(now), businessKey, taskId) > 0;
  }

  public void setLevel(String businessKey, WarningLevel level, int mailedRank, Instant now) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET LEVEL_RANK=?, MAILED_RANK=?, LEVEL_SINCE=?, UPDATED_AT=?"
        + " WHERE BUSINESS_KEY=?", level.rank(), mailedRank, Timestamp.from(now), Timestamp.from(now), businessKey);
  }

  public void setLagStreak(String businessKey, int streak) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET LAG_STREAK=? WHERE BUSINESS_KEY=?", streak, businessKey);
  }

  public void setFlagged(String businessKey, boolean flagged) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET FLAGGED=? WHERE BUSINESS_KEY=?", flagged, businessKey);
  }

  public void setListed(String businessKey, boolean listed) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET LISTED=? WHERE BUSINESS_KEY=?", listed, businessKey);
  }

  public void setDueDate(String businessKey, LocalDate due) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET DUE_DATE=? WHERE BUSINESS_KEY=?", date(due), businessKey);
  }

  public void close(String businessKey, Instant now) {
    jdbc.update("UPDATE OV_SUPERVISION_CASE SET ACTIVE=FALSE, OPEN_TASK_ID=NULL, OPEN_TASK_NAME=NULL,"
        + " DUE_DATE=NULL, UPDATED_AT=? WHERE BUSINESS_KEY=?", Timestamp.from(now), businessKey);
  }

  public void recordEvent(String businessKey, WarningLevel from, WarningLevel to, LocalDate due, String reason,
      String actor, Instant at) {
    // ID is an identity column: events of one instant keep the order they happened in
    jdbc.update("INSERT INTO OV_ESCALATION_EVENT (BUSINESS_KEY, OCCURRED_AT, FROM_RANK, TO_RANK, DUE_DATE,"
            + " REASON, ACTOR) VALUES (?,?,?,?,?,?,?)",
        businessKey, Timestamp.from(at), from.rank(), to.rank(), date(due),
        reason, actor);
  }

  /** Rises into yellow recorded for a case since {@code from}. */
  public int yellowsSince(String businessKey, Instant from) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM OV_ESCALATION_EVENT WHERE BUSINESS_KEY=? AND TO_RANK=?"
        + " AND FROM_RANK < TO_RANK AND OCCURRED_AT >= ?", Integer.class, businessKey, WarningLevel.YELLOW.rank(),
        Timestamp.from(from));
    return n == null ? 0 : n;
  }

  public List<EscalationEvent> events(String businessKey) {
    return jdbc.query("SELECT OCCURRED_AT, FROM_RANK, TO_RANK, DUE_DATE, REASON, ACTOR FROM OV_ESCALATION_EVENT"
        + " WHERE BUSINESS_KEY=? ORDER BY OCCURRED_AT, ID", (rs, i) -> new EscalationEvent(
            rs.getTimestamp("OCCURRED_AT").toInstant(), WarningLevel.ofRank(rs.getInt("FROM_RANK")),
            WarningLevel.ofRank(rs.getInt("TO_RANK")), rs.getObject("DUE_DATE", LocalDate.class),
            rs.getString("REASON"), rs.getString("ACTOR")), businessKey);
  }

  public record EscalationEvent(Instant at, WarningLevel from, WarningLevel to, LocalDate dueDate, String reason,
      String actor) {}

  static SupervisionCase map(ResultSet rs, int row) throws SQLException {
    return new SupervisionCase(rs.getString("BUSINESS_KEY"), rs.getString("KIND"), rs.getString("PROC_INST_ID"),
        rs.getString("CODE"), rs.getString("TITLE"), rs.getString("COUNTY"), rs.getString("COUNTY_NAME"),
        rs.getString("COUNTY_GROUP"), rs.getString("LEAD_GROUPS"), rs.getString("LEAD_NAMES"),
        rs.getObject("DEADLINE", LocalDate.class), rs.getString("OPEN_TASK_ID"), rs.getString("OPEN_TASK_NAME"),
        rs.getObject("DUE_DATE", LocalDate.class), WarningLevel.ofRank(rs.getInt("LEVEL_RANK")),
        rs.getInt("MAILED_RANK"), rs.getInt("LAG_STREAK"), rs.getBoolean("FLAGGED"), rs.getBoolean("LISTED"),
        rs.getBoolean("ACTIVE"), rs.getTimestamp("LEVEL_SINCE").toInstant());
  }

  static java.sql.Date date(LocalDate d) {
    return d == null ? null : java.sql.Date.valueOf(d);
  }
}
