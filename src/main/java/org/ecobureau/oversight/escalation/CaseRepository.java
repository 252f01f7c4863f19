package org.ecobureau.oversight.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** OV_SUPERVISION_CASE and OV_ESCALATION_EVENT. */
@Repository
public class CaseRepository {

  static final String COLUMNS = "BUSINESS_KEY, KIND, PROC_INST_ID, CODE, TITLE, COUNTY, COUNTY_NAME, COUNTY_GROUP,"
      + " LEAD_GROUPS, LEAD_NAMES, DEADLINE, OPEN_TASK_ID, OPEN_TASK_NAME, DUE_DATE, LEVEL_RANK, MAILED_RANK,"
      + " LAG_STREAK, FLAGGED, LISTED, ACTIVE, LEVEL_SINCE";
  /** What a read returns: the registered columns and the reporting phase. */
  static final String SELECT_COLUMNS = COLUMNS + ", REPORTING";

  private final JdbcClient jdbc;

  public CaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers a case once; a second registration of the same key changes nothing. */
  public boolean register(SupervisionCase c, Instant now) {
    if (find(c.businessKey()).isPresent()) {
      return false;
    }
    jdbc.sql("INSERT INTO OV_SUPERVISION_CASE (" + COLUMNS + ", UPDATED_AT) VALUES (:businessKey, :kind,"
            + " :processInstanceId, :code, :title, :county, :countyName, :countyGroup, :leadGroups, :leadNames,"
            + " :deadline, :openTaskId, :openTaskName, :dueDate, :levelRank, :mailedRank, :lagStreak, :flagged,"
            + " :listed, :active, :now, :now)")
        .param("businessKey", c.businessKey()).param("kind", c.kind())
        .param("processInstanceId", c.processInstanceId()).param("code", c.code()).param("title", c.title())
        .param("county", c.county()).param("countyName", c.countyName()).param("countyGroup", c.countyGroup())
        .param("leadGroups", c.leadGroups()).param("leadNames", c.leadNames())
        .param("deadline", date(c.deadline())).param("openTaskId", c.openTaskId())
        .param("openTaskName", c.openTaskName()).param("dueDate", date(c.dueDate()))
        .param("levelRank", c.level().rank()).param("mailedRank", c.mailedRank())
        .param("lagStreak", c.lagStreak()).param("flagged", c.flagged()).param("listed", c.listed())
        .param("active", c.active()).param("now", Timestamp.from(now))
        .update();
    return true;
  }

  /** Marks the case as in (or out of) its reporting phase: 办理中 / 整改中, accepted and not yet claimed. */
  public void setReporting(String businessKey, boolean reporting) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET REPORTING=:reporting WHERE BUSINESS_KEY=:businessKey")
        .param("reporting", reporting).param("businessKey", businessKey).update();
  }

  /** The party's target (its share of the task's, or the task's), recorded when it registers. */
  public void setTarget(String businessKey, String target) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET TARGET=:target WHERE BUSINESS_KEY=:businessKey")
        .param("target", target).param("businessKey", businessKey).update();
  }

  /** The value last reported achieved, from an approved report row. */
  public void setAchieved(String businessKey, String achieved) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET ACHIEVED=:achieved WHERE BUSINESS_KEY=:businessKey")
        .param("achieved", achieved).param("businessKey", businessKey).update();
  }

  /** The case's report cadence (月报 / 季报) and when it started, recorded when it registers. */
  public void setCadenceAndStart(String businessKey, String cadence, Instant startedAt) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET CADENCE=:cadence, STARTED_AT=:startedAt WHERE BUSINESS_KEY=:businessKey")
        .param("cadence", cadence).param("startedAt", Timestamp.from(startedAt)).param("businessKey", businessKey)
        .update();
  }

  /** An active case in its reporting phase, as a periodic report's row needs it. */
  public record ReportingCase(SupervisionCase supervisionCase, String cadence, Instant startedAt, String target) {}

  /** Active cases in their reporting phase with one of the cadences, by party and code. */
  public List<ReportingCase> reporting(java.util.Collection<String> cadences) {
    return jdbc.sql("SELECT " + SELECT_COLUMNS + ", CADENCE, STARTED_AT, TARGET FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE"
            + " AND REPORTING = TRUE AND CADENCE IN (:cadences) ORDER BY COUNTY, KIND, CODE, BUSINESS_KEY")
        .param("cadences", cadences)
        .query((rs, i) -> {
          Timestamp started = rs.getTimestamp("STARTED_AT");
          return new ReportingCase(map(rs, i), rs.getString("CADENCE"), started == null ? null : started.toInstant(),
              rs.getString("TARGET"));
        }).list();
  }

  public Optional<SupervisionCase> find(String businessKey) {
    return jdbc.sql("SELECT " + SELECT_COLUMNS + " FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY=:businessKey")
        .param("businessKey", businessKey).query(CaseRepository::map).list().stream().findFirst();
  }

  /** Locks the row for the rest of the transaction (two nodes, one case). */
  public Optional<SupervisionCase> lock(String businessKey) {
    return jdbc.sql("SELECT " + SELECT_COLUMNS + " FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY=:businessKey FOR UPDATE")
        .param("businessKey", businessKey).query(CaseRepository::map).list().stream().findFirst();
  }

  /** Every active case, by business key. */
  public List<SupervisionCase> active() {
    return jdbc.sql("SELECT " + SELECT_COLUMNS + " FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE ORDER BY BUSINESS_KEY")
        .query(CaseRepository::map).list();
  }

  /** Active cases whose watched due date is on or before {@code cutoff}. */
  public List<SupervisionCase> dueOnOrBefore(LocalDate cutoff) {
    return jdbc.sql("SELECT " + SELECT_COLUMNS + " FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE AND (DUE_DATE <= :cutoff"
            + " OR (REPORTING = TRUE AND DEADLINE <= :cutoff))"
        + " ORDER BY BUSINESS_KEY").param("cutoff", date(cutoff)).query(CaseRepository::map).list();
  }

  public void openObligation(String businessKey, String taskId, String taskName, LocalDate due, Instant now) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET OPEN_TASK_ID=:taskId, OPEN_TASK_NAME=:taskName, DUE_DATE=:due,"
            + " UPDATED_AT=:now WHERE BUSINESS_KEY=:businessKey")
        .param("taskId", taskId).param("taskName", taskName).param("due", date(due))
        .param("now", Timestamp.from(now)).param("businessKey", businessKey).update();
  }

  /** Clears the obligation if it is still the one with this task id. */
  public boolean closeObligation(String businessKey, String taskId, Instant now) {
    return jdbc.sql("UPDATE OV_SUPERVISION_CASE SET OPEN_TASK_ID=NULL, OPEN_TASK_NAME=NULL, DUE_DATE=NULL,"
            + " UPDATED_AT=:now WHERE BUSINESS_KEY=:businessKey AND OPEN_TASK_ID=:taskId")
        .param("now", Timestamp.from(now)).param("businessKey", businessKey).param("taskId", taskId).update() > 0;
  }

  public void setLevel(String businessKey, WarningLevel level, int mailedRank, Instant now) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET LEVEL_RANK=:levelRank, MAILED_RANK=:mailedRank, LEVEL_SINCE=:now,"
            + " UPDATED_AT=:now WHERE BUSINESS_KEY=:businessKey")
        .param("levelRank", level.rank()).param("mailedRank", mailedRank).param("now", Timestamp.from(now))
        .param("businessKey", businessKey).update();
  }

  public void setLagStreak(String businessKey, int streak) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET LAG_STREAK=:streak WHERE BUSINESS_KEY=:businessKey")
        .param("streak", streak).param("businessKey", businessKey).update();
  }

  public void setFlagged(String businessKey, boolean flagged) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET FLAGGED=:flagged WHERE BUSINESS_KEY=:businessKey")
        .param("flagged", flagged).param("businessKey", businessKey).update();
  }

  public void setListed(String businessKey, boolean listed) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET LISTED=:listed WHERE BUSINESS_KEY=:businessKey")
        .param("listed", listed).param("businessKey", businessKey).update();
  }

  /** An approved extension of the completion deadline (完成时限 / 整改时限). */
  public void setDeadline(String businessKey, LocalDate deadline) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET DEADLINE=:deadline WHERE BUSINESS_KEY=:businessKey")
        .param("deadline", date(deadline)).param("businessKey", businessKey).update();
  }

  /** The name of a case's open obligation when it is its party's periodic report (逾期未报 when missed). */
  public static final String REPORT_OBLIGATION_PREFIX = "进展报送";

  /** Whatever task was the case's open obligation, there is none now (an upgrade moved the case on). */
  public void clearObligation(String businessKey) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET OPEN_TASK_ID=NULL, OPEN_TASK_NAME=NULL, DUE_DATE=NULL"
            + " WHERE BUSINESS_KEY=:businessKey")
        .param("businessKey", businessKey).update();
  }

  public void setDueDate(String businessKey, LocalDate due) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET DUE_DATE=:due WHERE BUSINESS_KEY=:businessKey")
        .param("due", date(due)).param("businessKey", businessKey).update();
  }

  public void close(String businessKey, Instant now) {
    close(businessKey, now, null);
  }

  /** The case ends, with how it ended (null when cancelled). */
  public void close(String businessKey, Instant now, String closure) {
    jdbc.sql("UPDATE OV_SUPERVISION_CASE SET ACTIVE=FALSE, REPORTING=FALSE, OPEN_TASK_ID=NULL, OPEN_TASK_NAME=NULL,"
            + " DUE_DATE=NULL, CLOSURE=:closure, UPDATED_AT=:now WHERE BUSINESS_KEY=:businessKey")
        .param("closure", closure).param("now", Timestamp.from(now)).param("businessKey", businessKey).update();
  }

  public void recordEvent(String businessKey, WarningLevel from, WarningLevel to, LocalDate due, String reason,
      String actor, Instant at) {
    // ID is an identity column: events of one instant keep the order they happened in
    jdbc.sql("INSERT INTO OV_ESCALATION_EVENT (BUSINESS_KEY, OCCURRED_AT, FROM_RANK, TO_RANK, DUE_DATE,"
            + " REASON, ACTOR) VALUES (:businessKey, :at, :fromRank, :toRank, :due, :reason, :actor)")
        .param("businessKey", businessKey).param("at", Timestamp.from(at)).param("fromRank", from.rank())
        .param("toRank", to.rank()).param("due", date(due)).param("reason", reason).param("actor", actor)
        .update();
  }

  /** Rises into yellow recorded for a case since {@code from}. */
  public int yellowsSince(String businessKey, Instant from) {
    Integer n = jdbc.sql("SELECT COUNT(*) FROM OV_ESCALATION_EVENT WHERE BUSINESS_KEY=:businessKey"
            + " AND TO_RANK=:yellow AND FROM_RANK < TO_RANK AND OCCURRED_AT >= :from")
        .param("businessKey", businessKey).param("yellow", WarningLevel.YELLOW.rank())
        .param("from", Timestamp.from(from)).query(Integer.class).single();
    return n == null ? 0 : n;
  }

  public List<EscalationEvent> events(String businessKey) {
    return jdbc.sql("SELECT OCCURRED_AT, FROM_RANK, TO_RANK, DUE_DATE, REASON, ACTOR FROM OV_ESCALATION_EVENT"
            + " WHERE BUSINESS_KEY=:businessKey ORDER BY OCCURRED_AT, ID")
        .param("businessKey", businessKey)
        .query((rs, i) -> new EscalationEvent(
            rs.getTimestamp("OCCURRED_AT").toInstant(), WarningLevel.ofRank(rs.getInt("FROM_RANK")),
            WarningLevel.ofRank(rs.getInt("TO_RANK")), rs.getObject("DUE_DATE", LocalDate.class),
            rs.getString("REASON"), rs.getString("ACTOR"))).list();
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
        rs.getBoolean("ACTIVE"), rs.getTimestamp("LEVEL_SINCE").toInstant(), rs.getBoolean("REPORTING"));
  }

  static java.sql.Date date(LocalDate d) {
    return d == null ? null : java.sql.Date.valueOf(d);
  }
}
