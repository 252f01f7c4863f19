package org.ecobureau.oversight.rectification;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.importing.ReplacingImport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rectification ledger (table OV_RECTIFICATION_ITEM), one row per problem and county. */
@Repository
public class LedgerRepository implements ReplacingImport.Store<RectificationItem> {

  /** The value {@link #fingerprints()} gives a retired item. */
  public static final String RETIRED = ReplacingImport.RETIRED;

  private static final List<String> SOURCE_ORDER = List.copyOf(RectificationItem.SOURCE_CODES.keySet());

  private final JdbcClient jdbc;
  private final List<String> countyOrder;
  private final Clock clock;

  public LedgerRepository(JdbcClient jdbc, OrgDirectory org, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.countyOrder = org.countyCodes();
  }

  /**
   * Active items ordered by source (中央督察, 省督察, 回头看, 专项督察), problem number (2.10 after
   * 2.9) and county (directory order).
   */
  public List<RectificationItem> findActive() {
    Comparator<RectificationItem> order = Comparator
        .comparingInt((RectificationItem t) -> SOURCE_ORDER.indexOf(t.source()))
        .thenComparing(RectificationItem::problemNo, LedgerRepository::byNumber)
        .thenComparingInt(t -> countyOrder.indexOf(t.county()))
        .thenComparing(RectificationItem::county);
    return jdbc.sql("SELECT * FROM OV_RECTIFICATION_ITEM WHERE ACTIVE = TRUE").query(this::map).list().stream()
        .sorted(order).toList();
  }

  /** The active item with this business key ({@code RI-ZY-3:anding}). */
  public Optional<RectificationItem> find(String businessKey) {
    return jdbc.sql("SELECT * FROM OV_RECTIFICATION_ITEM WHERE BUSINESS_KEY = :businessKey AND ACTIVE = TRUE")
        .param("businessKey", businessKey).query(this::map).list().stream().findFirst();
  }

  /** Locks the item's row until the surrounding transaction ends. */
  public void lockForStart(String businessKey) {
    jdbc.sql("SELECT BUSINESS_KEY FROM OV_RECTIFICATION_ITEM WHERE BUSINESS_KEY = :businessKey FOR UPDATE")
        .param("businessKey", businessKey).query(String.class).list();
  }

  public long countActive() {
    Long n = jdbc.sql("SELECT COUNT(*) FROM OV_RECTIFICATION_ITEM WHERE ACTIVE = TRUE").query(Long.class).single();
    return n == null ? 0 : n;
  }

  /** Fingerprints of every row by business key; {@value #RETIRED} for a retired one. */
  public Map<String, String> fingerprints() {
    return jdbc.sql("SELECT BUSINESS_KEY, FINGERPRINT, ACTIVE FROM OV_RECTIFICATION_ITEM")
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getBoolean(3) ? rs.getString(2) : RETIRED))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public void insert(RectificationItem t) {
    withColumns(jdbc.sql("INSERT INTO OV_RECTIFICATION_ITEM (BUSINESS_KEY, SOURCE, SOURCE_CODE, ROUND_NAME,"
        + " FEEDBACK_DATE, PROBLEM_NO, PROBLEM, COUNTY, RESPONSIBLE_UNIT, LEAD_UNIT, ACCEPTANCE_UNIT,"
        + " RESPONSIBLE_LEADER, DEADLINE, LONG_TERM, MEASURES, ACTIVE, FINGERPRINT, UPDATED_AT)"
        + " VALUES (:businessKey, :source, :sourceCode, :round, :feedbackDate, :problemNo, :problem, :county,"
        + " :responsibleUnit, :leadUnit, :acceptanceUnit, :responsibleLeader, :deadline, :longTerm, :measures,"
        + " TRUE, :fingerprint, :now)"), t).update();
  }

  public void update(RectificationItem t) {
    withColumns(jdbc.sql("UPDATE OV_RECTIFICATION_ITEM SET SOURCE=:source, SOURCE_CODE=:sourceCode,"
        + " ROUND_NAME=:round, FEEDBACK_DATE=:feedbackDate, PROBLEM_NO=:problemNo, PROBLEM=:problem,"
        + " COUNTY=:county, RESPONSIBLE_UNIT=:responsibleUnit, LEAD_UNIT=:leadUnit,"
        + " ACCEPTANCE_UNIT=:acceptanceUnit, RESPONSIBLE_LEADER=:responsibleLeader, DEADLINE=:deadline,"
        + " LONG_TERM=:longTerm, MEASURES=:measures, ACTIVE=TRUE, FINGERPRINT=:fingerprint, UPDATED_AT=:now"
        + " WHERE BUSINESS_KEY=:businessKey"), t).update();
  }

  /** The item's columns and the time of the change as named parameters. */
  private JdbcClient.StatementSpec withColumns(JdbcClient.StatementSpec sql, RectificationItem t) {
    return sql.param("businessKey", t.businessKey()).param("source", t.source())
        .param("sourceCode", t.sourceCode()).param("round", t.round())
        .param("feedbackDate", Date.valueOf(t.feedbackDate())).param("problemNo", t.problemNo())
        .param("problem", t.problem()).param("county", t.county()).param("responsibleUnit", t.responsibleUnit())
        .param("leadUnit", t.leadUnit()).param("acceptanceUnit", t.acceptanceUnit())
        .param("responsibleLeader", t.responsibleLeader())
        .param("deadline", t.deadline() == null ? null : Date.valueOf(t.deadline()))
        .param("longTerm", t.longTerm()).param("measures", t.measures()).param("fingerprint", t.fingerprint())
        .param("now", Timestamp.from(clock.instant()));
  }

  public void retire(String businessKey) {
    jdbc.sql("UPDATE OV_RECTIFICATION_ITEM SET ACTIVE = FALSE, UPDATED_AT = :now WHERE BUSINESS_KEY = :businessKey")
        .param("now", Timestamp.from(clock.instant())).param("businessKey", businessKey).update();
  }

  private RectificationItem map(ResultSet rs, int i) throws SQLException {
    Date feedback = rs.getDate("FEEDBACK_DATE");
    Date deadline = rs.getDate("DEADLINE");
    return new RectificationItem(rs.getString("SOURCE"), rs.getString("ROUND_NAME"),
        feedback == null ? null : feedback.toLocalDate(), rs.getString("PROBLEM_NO"), rs.getString("PROBLEM"),
        rs.getString("COUNTY"), rs.getString("RESPONSIBLE_UNIT"), rs.getString("LEAD_UNIT"),
        rs.getString("ACCEPTANCE_UNIT"), rs.getString("RESPONSIBLE_LEADER"),
        deadline == null ? null : deadline.toLocalDate(), rs.getBoolean("LONG_TERM"), rs.getString("MEASURES"));
  }

  /** Orders numbers like 2.10 after 2.9. */
  static int byNumber(String a, String b) {
    String[] x = a.split("[.\\-_]");
    String[] y = b.split("[.\\-_]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")
          ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    int c = Integer.compare(x.length, y.length);
    return c != 0 ? c : a.compareTo(b);
  }
}
