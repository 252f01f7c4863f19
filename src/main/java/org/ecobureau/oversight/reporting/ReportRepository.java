package org.ecobureau.oversight.reporting;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Periodic reports, their rows and files, and the per-assignment progress reports of the release
 * before them (OV_PROGRESS_REPORT, read for the case file only). Written in the engine's
 * transaction (same data source), so a refused step leaves nothing behind.
 */
@Repository
public class ReportRepository {

  private final JdbcClient jdbc;

  public ReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- reports ----------------------------------------------------------------------------

  public void insertReport(PeriodicReport r, Instant openedAt) {
    jdbc.sql("INSERT INTO OV_PERIODIC_REPORT (BUSINESS_KEY, PARTY, PARTY_NAME, PARTY_GROUP, PERIOD, PROC_INST_ID,"
            + " DUE_DATE, STATE, OPENED_AT) VALUES (:key, :party, :partyName, :partyGroup, :period, :pi, :due,"
            + " :state, :openedAt)")
        .param("key", r.businessKey()).param("party", r.party()).param("partyName", r.partyName())
        .param("partyGroup", r.partyGroup()).param("period", r.period()).param("pi", r.processInstanceId())
        .param("due", Date.valueOf(r.dueDate())).param("state", r.state())
        .param("openedAt", Timestamp.from(openedAt)).update();
  }

  public void setProcessInstance(String businessKey, String processInstanceId) {
    jdbc.sql("UPDATE OV_PERIODIC_REPORT SET PROC_INST_ID=:pi WHERE BUSINESS_KEY=:key")
        .param("pi", processInstanceId).param("key", businessKey).update();
  }

  public String businessKeyOfInstance(String processInstanceId) {
    return jdbc.sql("SELECT BUSINESS_KEY FROM OV_PERIODIC_REPORT WHERE PROC_INST_ID=:pi").param("pi", processInstanceId)
        .query(String.class).optional().orElse(null);
  }

  public boolean reportExists(String party, String period) {
    return jdbc.sql("SELECT COUNT(*) FROM OV_PERIODIC_REPORT WHERE PARTY=:party AND PERIOD=:period")
        .param("party", party).param("period", period).query(Long.class).single() > 0;
  }

  public Optional<PeriodicReport> findReport(String businessKey) {
    return jdbc.sql("SELECT * FROM OV_PERIODIC_REPORT WHERE BUSINESS_KEY=:key").param("key", businessKey)
        .query(ReportRepository::report).optional();
  }

  public void submitted(String businessKey, String filledBy, String leader, String by, Instant at) {
    jdbc.sql("UPDATE OV_PERIODIC_REPORT SET STATE='submitted', FILLED_BY=:filledBy, COUNTY_LEADER=:leader,"
            + " SUBMITTED_BY=:by, SUBMITTED_AT=COALESCE(SUBMITTED_AT, :at) WHERE BUSINESS_KEY=:key")
        .param("filledBy", filledBy).param("leader", leader).param("by", by).param("at", Timestamp.from(at))
        .param("key", businessKey).update();
  }

  public void closeReport(String businessKey) {
    jdbc.sql("UPDATE OV_PERIODIC_REPORT SET STATE='closed' WHERE BUSINESS_KEY=:key").param("key", businessKey).update();
  }

  // --- rows -------------------------------------------------------------------------------

  public void insertRow(ReportRow r) {
    jdbc.sql("INSERT INTO OV_REPORT_ROW (REPORT_KEY, CASE_KEY, SEQ, KIND, CODE, TITLE, REVIEW_GROUP, REVIEW_NAME,"
            + " DEADLINE, EXPECTED_PROGRESS, STATE, ROUND_NO, TARGET) VALUES (:report, :caseKey, :seq, :kind, :code, :title,"
            + " :reviewGroup, :reviewName, :deadline, :expected, :state, 0, :target)")
        .param("report", r.reportKey()).param("caseKey", r.caseKey()).param("seq", r.seq()).param("kind", r.kind())
        .param("code", r.code()).param("title", r.title()).param("reviewGroup", r.reviewGroup())
        .param("reviewName", r.reviewName()).param("deadline", r.deadline() == null ? null : Date.valueOf(r.deadline()))
        .param("expected", r.expectedProgress()).param("state", r.state()).param("target", r.target()).update();
  }

  public List<ReportRow> rows(String reportKey) {
    return jdbc.sql("SELECT * FROM OV_REPORT_ROW WHERE REPORT_KEY=:report ORDER BY SEQ")
        .param("report", reportKey).query(ReportRepository::row).list();
  }

  public Optional<ReportRow> row(String reportKey, String caseKey) {
    return jdbc.sql("SELECT * FROM OV_REPORT_ROW WHERE REPORT_KEY=:report AND CASE_KEY=:caseKey")
        .param("report", reportKey).param("caseKey", caseKey).query(ReportRepository::row).optional();
  }

  /** The last approved row of the case before this report: shown as reference, never as the answer. */
  public Optional<ReportRow> previousApproved(String caseKey, String beforeReportKey) {
    return jdbc.sql("SELECT * FROM OV_REPORT_ROW WHERE CASE_KEY=:caseKey AND STATE='approved'"
            + " AND REPORT_KEY < :before ORDER BY REPORT_KEY DESC")
        .param("caseKey", caseKey).param("before", beforeReportKey).query(ReportRepository::row).list()
        .stream().findFirst();
  }

  public long countRows(String reportKey, String state) {
    return jdbc.sql("SELECT COUNT(*) FROM OV_REPORT_ROW WHERE REPORT_KEY=:report AND STATE=:state")
        .param("report", reportKey).param("state", state).query(Long.class).single();
  }

  public void saveValues(ReportRow r) {
    jdbc.sql("UPDATE OV_REPORT_ROW SET PROGRESS=:progress, WORK_DONE=:workDone, PROBLEMS=:problems,"
            + " NEXT_STEPS=:nextSteps, ACHIEVED=:achieved, CLAIM=:claim, CLAIM_TYPE=:claimType,"
            + " CLAIM_SUMMARY=:claimSummary WHERE REPORT_KEY=:report AND CASE_KEY=:caseKey")
        .param("progress", r.progress()).param("workDone", r.workDone()).param("problems", r.problems())
        .param("nextSteps", r.nextSteps()).param("achieved", r.achieved()).param("claim", r.claim())
        .param("claimType", r.claimType()).param("claimSummary", r.claimSummary())
        .param("report", r.reportKey()).param("caseKey", r.caseKey()).update();
  }

  public void submitRow(String reportKey, String caseKey, Instant at) {
    jdbc.sql("UPDATE OV_REPORT_ROW SET STATE='submitted', ROUND_NO=ROUND_NO+1, SUBMITTED_AT=:at, JUDGEMENT=NULL,"
            + " REVIEW_COMMENT=NULL, REVIEWED_BY=NULL, REVIEWED_AT=NULL WHERE REPORT_KEY=:report AND CASE_KEY=:caseKey")
        .param("at", Timestamp.from(at)).param("report", reportKey).param("caseKey", caseKey).update();
  }

  /** The reviewer's draft decision on a submitted row (state stays submitted until the review completes). */
  public void saveReview(String reportKey, String caseKey, String decision, String judgement, String comment) {
    jdbc.sql("UPDATE OV_REPORT_ROW SET REVIEW_DECISION=:decision, JUDGEMENT=:judgement, REVIEW_COMMENT=:comment"
            + " WHERE REPORT_KEY=:report AND CASE_KEY=:caseKey")
        .param("decision", decision).param("judgement", judgement).param("comment", comment)
        .param("report", reportKey).param("caseKey", caseKey).update();
  }

  public Optional<String> reviewDecision(String reportKey, String caseKey) {
    return jdbc.sql("SELECT REVIEW_DECISION FROM OV_REPORT_ROW WHERE REPORT_KEY=:report AND CASE_KEY=:caseKey")
        .param("report", reportKey).param("caseKey", caseKey).query(String.class).optional();
  }

  public void reviewed(String reportKey, String caseKey, String state, String by, Instant at) {
    jdbc.sql("UPDATE OV_REPORT_ROW SET STATE=:state, REVIEWED_BY=:by, REVIEWED_AT=:at, REVIEW_DECISION=NULL"
            + " WHERE REPORT_KEY=:report AND CASE_KEY=:caseKey")
        .param("state", state).param("by", by).param("at", Timestamp.from(at))
        .param("report", reportKey).param("caseKey", caseKey).update();
  }

  // --- the rows' history ------------------------------------------------------------------

  /** One submission or review of a row as it was then (the row itself keeps only the latest). */
  public record RowEvent(String reportKey, String caseKey, int round, String event, Instant at, String actor,
      Integer progress, Integer expected, String workDone, String problems, String nextSteps, String achieved,
      boolean claim, String claimType, String claimSummary, String files, String judgement, String comment) {}

  public void recordEvent(RowEvent e) {
    jdbc.sql("INSERT INTO OV_REPORT_ROW_EVENT (REPORT_KEY, CASE_KEY, ROUND_NO, EVENT, OCCURRED_AT, ACTOR, PROGRESS,"
            + " EXPECTED, WORK_DONE, PROBLEMS, NEXT_STEPS, ACHIEVED, CLAIM, CLAIM_TYPE, CLAIM_SUMMARY, FILES, JUDGEMENT,"
            + " REVIEW_COMMENT) VALUES (:report, :caseKey, :round, :event, :at, :actor, :progress, :expected, :workDone,"
            + " :problems, :nextSteps, :achieved, :claim, :claimType, :claimSummary, :files, :judgement, :comment)")
        .param("report", e.reportKey()).param("caseKey", e.caseKey()).param("round", e.round())
        .param("event", e.event()).param("at", Timestamp.from(e.at())).param("actor", e.actor())
        .param("progress", e.progress()).param("expected", e.expected()).param("workDone", e.workDone())
        .param("problems", e.problems()).param("nextSteps", e.nextSteps()).param("achieved", e.achieved())
        .param("claim", e.claim()).param("claimType", e.claimType()).param("claimSummary", e.claimSummary())
        .param("files", e.files()).param("judgement", e.judgement()).param("comment", e.comment()).update();
  }

  public List<RowEvent> eventsOfCase(String caseKey) {
    return jdbc.sql("SELECT * FROM OV_REPORT_ROW_EVENT WHERE CASE_KEY=:caseKey ORDER BY OCCURRED_AT, ID")
        .param("caseKey", caseKey)
        .query((rs, i) -> new RowEvent(rs.getString("REPORT_KEY"), rs.getString("CASE_KEY"), rs.getInt("ROUND_NO"),
            rs.getString("EVENT"), rs.getTimestamp("OCCURRED_AT").toInstant(), rs.getString("ACTOR"),
            (Integer) rs.getObject("PROGRESS", Integer.class), (Integer) rs.getObject("EXPECTED", Integer.class),
            rs.getString("WORK_DONE"), rs.getString("PROBLEMS"), rs.getString("NEXT_STEPS"), rs.getString("ACHIEVED"),
            rs.getBoolean("CLAIM"), rs.getString("CLAIM_TYPE"), rs.getString("CLAIM_SUMMARY"), rs.getString("FILES"),
            rs.getString("JUDGEMENT"), rs.getString("REVIEW_COMMENT"))).list();
  }

  // --- files ------------------------------------------------------------------------------

  public record RowFile(String id, String reportKey, String caseKey, String name, String mimeType, long size,
      String uploadedBy, Instant uploadedAt) {}

  public void insertFile(RowFile f, byte[] content) {
    jdbc.sql("INSERT INTO OV_REPORT_FILE (ID, REPORT_KEY, CASE_KEY, FILE_NAME, MIME_TYPE, SIZE_BYTES, CONTENT,"
            + " UPLOADED_BY, UPLOADED_AT) VALUES (:id, :report, :caseKey, :name, :mime, :size, :content, :by, :at)")
        .param("id", f.id()).param("report", f.reportKey()).param("caseKey", f.caseKey()).param("name", f.name())
        .param("mime", f.mimeType()).param("size", f.size()).param("content", content)
        .param("by", f.uploadedBy()).param("at", Timestamp.from(f.uploadedAt())).update();
  }

  public List<RowFile> files(String reportKey) {
    return jdbc.sql("SELECT ID, REPORT_KEY, CASE_KEY, FILE_NAME, MIME_TYPE, SIZE_BYTES, UPLOADED_BY, UPLOADED_AT"
            + " FROM OV_REPORT_FILE WHERE REPORT_KEY=:report ORDER BY UPLOADED_AT, ID")
        .param("report", reportKey).query(ReportRepository::file).list();
  }

  public List<RowFile> filesOfCase(String caseKey) {
    return jdbc.sql("SELECT ID, REPORT_KEY, CASE_KEY, FILE_NAME, MIME_TYPE, SIZE_BYTES, UPLOADED_BY, UPLOADED_AT"
            + " FROM OV_REPORT_FILE WHERE CASE_KEY=:caseKey ORDER BY UPLOADED_AT, ID")
        .param("caseKey", caseKey).query(ReportRepository::file).list();
  }

  public Optional<RowFile> file(String id) {
    return jdbc.sql("SELECT ID, REPORT_KEY, CASE_KEY, FILE_NAME, MIME_TYPE, SIZE_BYTES, UPLOADED_BY, UPLOADED_AT"
            + " FROM OV_REPORT_FILE WHERE ID=:id").param("id", id).query(ReportRepository::file).optional();
  }

  public byte[] content(String id) {
    return jdbc.sql("SELECT CONTENT FROM OV_REPORT_FILE WHERE ID=:id").param("id", id)
        .query((rs, i) -> rs.getBytes(1)).single();
  }

  public void deleteFile(String id) {
    jdbc.sql("DELETE FROM OV_REPORT_FILE WHERE ID=:id").param("id", id).update();
  }

  // --- the release before: one report per assignment --------------------------------------

  public List<ProgressReport> findByBusinessKey(String businessKey) {
    return jdbc.sql("SELECT * FROM OV_PROGRESS_REPORT WHERE BUSINESS_KEY=:businessKey ORDER BY SUBMITTED_AT, ID")
        .param("businessKey", businessKey).query(this::legacy).list();
  }

  private ProgressReport legacy(ResultSet rs, int i) throws SQLException {
    Timestamp reviewed = rs.getTimestamp("REVIEWED_AT");
    return new ProgressReport(rs.getString("ID"), rs.getString("BUSINESS_KEY"),
        rs.getString("PROC_INST_ID"), rs.getString("PERIOD"), rs.getInt("PROGRESS"),
        rs.getString("STATUS_CLASS"), rs.getString("WORK_DONE"), rs.getString("PROBLEMS"),
        rs.getString("NEXT_STEPS"), rs.getString("FILLED_BY"), rs.getString("COUNTY_LEADER"),
        rs.getString("SUBMITTED_BY"), rs.getTimestamp("SUBMITTED_AT").toInstant(),
        rs.getString("OUTCOME"), rs.getString("REVIEW_COMMENT"), rs.getString("REVIEWED_BY"),
        reviewed == null ? null : reviewed.toInstant());
  }

  // --- mapping ----------------------------------------------------------------------------

  private static PeriodicReport report(ResultSet rs, int i) throws SQLException {
    return new PeriodicReport(rs.getString("BUSINESS_KEY"), rs.getString("PARTY"), rs.getString("PARTY_NAME"),
        rs.getString("PARTY_GROUP"), rs.getString("PERIOD"), rs.getString("PROC_INST_ID"),
        rs.getDate("DUE_DATE").toLocalDate(), rs.getString("STATE"), rs.getString("FILLED_BY"),
        rs.getString("COUNTY_LEADER"), rs.getString("SUBMITTED_BY"), instant(rs.getTimestamp("SUBMITTED_AT")));
  }

  private static ReportRow row(ResultSet rs, int i) throws SQLException {
    Date deadline = rs.getDate("DEADLINE");
    return new ReportRow(rs.getString("REPORT_KEY"), rs.getString("CASE_KEY"), rs.getInt("SEQ"),
        rs.getString("KIND"), rs.getString("CODE"), rs.getString("TITLE"), rs.getString("REVIEW_GROUP"),
        rs.getString("REVIEW_NAME"), deadline == null ? null : deadline.toLocalDate(),
        (Integer) rs.getObject("EXPECTED_PROGRESS", Integer.class), rs.getString("STATE"), rs.getInt("ROUND_NO"),
        (Integer) rs.getObject("PROGRESS", Integer.class), rs.getString("WORK_DONE"), rs.getString("PROBLEMS"),
        rs.getString("NEXT_STEPS"), rs.getString("ACHIEVED"), rs.getBoolean("CLAIM"), rs.getString("CLAIM_TYPE"),
        rs.getString("CLAIM_SUMMARY"), instant(rs.getTimestamp("SUBMITTED_AT")), rs.getString("JUDGEMENT"),
        rs.getString("REVIEW_COMMENT"), rs.getString("REVIEWED_BY"), instant(rs.getTimestamp("REVIEWED_AT")),
        rs.getString("TARGET"));
  }

  private static RowFile file(ResultSet rs, int i) throws SQLException {
    return new RowFile(rs.getString("ID"), rs.getString("REPORT_KEY"), rs.getString("CASE_KEY"),
        rs.getString("FILE_NAME"), rs.getString("MIME_TYPE"), rs.getLong("SIZE_BYTES"),
        rs.getString("UPLOADED_BY"), rs.getTimestamp("UPLOADED_AT").toInstant());
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
