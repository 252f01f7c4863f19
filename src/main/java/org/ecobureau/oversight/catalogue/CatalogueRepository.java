package org.ecobureau.oversight.catalogue;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.importing.ReplacingImport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue of key tasks (table OV_KEY_TASK). */
@Repository
public class CatalogueRepository implements ReplacingImport.Store<KeyTask> {

  private final JdbcClient jdbc;
  private final Clock clock;

  public CatalogueRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public List<KeyTask> findActive() {
    return jdbc.sql("SELECT * FROM OV_KEY_TASK WHERE ACTIVE = TRUE").query(this::map).list().stream()
        .sorted(CatalogueRepository::byCode).toList();
  }

  public Optional<KeyTask> find(String code) {
    return jdbc.sql("SELECT * FROM OV_KEY_TASK WHERE CODE = :code AND ACTIVE = TRUE").param("code", code)
        .query(this::map).list().stream().findFirst();
  }

  /** Whether the code was in the catalogue and a later import retired it. */
  public boolean isRetired(String code) {
    return !jdbc.sql("SELECT CODE FROM OV_KEY_TASK WHERE CODE = :code AND ACTIVE = FALSE").param("code", code)
        .query(String.class).list().isEmpty();
  }

  /** Locks the task's row until the surrounding transaction ends. */
  public void lockForStart(String code) {
    jdbc.sql("SELECT CODE FROM OV_KEY_TASK WHERE CODE = :code FOR UPDATE").param("code", code)
        .query(String.class).list();
  }

  public long countActive() {
    Long n = jdbc.sql("SELECT COUNT(*) FROM OV_KEY_TASK WHERE ACTIVE = TRUE").query(Long.class).single();
    return n == null ? 0 : n;
  }

  /** Fingerprints of every row (active or not) by code. */
  public Map<String, String> fingerprints() {
    return jdbc.sql("SELECT CODE, FINGERPRINT, ACTIVE FROM OV_KEY_TASK")
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getBoolean(3) ? rs.getString(2) : ReplacingImport.RETIRED))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public void insert(KeyTask t) {
    withColumns(jdbc.sql("INSERT INTO OV_KEY_TASK (CODE, CHAPTER, SECTION_TITLE, TITLE, CONTENT, SOURCE_TEXT,"
        + " LEAD_UNITS, COOP_UNITS, COUNTIES, UNITS, DEADLINE, DEADLINE_TEXT, TARGET, CADENCE, ACTIVE,"
        + " FINGERPRINT, UPDATED_AT) VALUES (:code, :chapter, :section, :title, :content, :sourceText,"
        + " :leadUnits, :coopUnits, :counties, :units, :deadline, :deadlineText, :target, :cadence, TRUE,"
        + " :fingerprint, :now)"), t).update();
  }

  public void update(KeyTask t) {
    withColumns(jdbc.sql("UPDATE OV_KEY_TASK SET CHAPTER=:chapter, SECTION_TITLE=:section, TITLE=:title,"
        + " CONTENT=:content, SOURCE_TEXT=:sourceText, LEAD_UNITS=:leadUnits, COOP_UNITS=:coopUnits,"
        + " COUNTIES=:counties, UNITS=:units, DEADLINE=:deadline, DEADLINE_TEXT=:deadlineText, TARGET=:target,"
        + " CADENCE=:cadence, ACTIVE=TRUE, FINGERPRINT=:fingerprint, UPDATED_AT=:now WHERE CODE=:code"), t)
        .update();
  }

  /** The task's columns and the time of the change as named parameters. */
  private JdbcClient.StatementSpec withColumns(JdbcClient.StatementSpec sql, KeyTask t) {
    return sql.param("code", t.code()).param("chapter", t.chapter()).param("section", t.section())
        .param("title", t.title()).param("content", t.content()).param("sourceText", t.sourceText())
        .param("leadUnits", String.join(",", t.leadUnits())).param("coopUnits", String.join(",", t.coopUnits()))
        .param("counties", String.join(",", t.counties()))
        // no carrying units: NULL, as the rows from before V3 have it
        .param("units", t.units().isEmpty() ? null : String.join(",", t.units()), java.sql.Types.VARCHAR)
        .param("deadline", t.deadline() == null ? null : Date.valueOf(t.deadline()))
        .param("deadlineText", t.deadlineText()).param("target", t.target()).param("cadence", t.cadence())
        .param("fingerprint", t.fingerprint()).param("now", Timestamp.from(clock.instant()));
  }

  public void retire(String code) {
    jdbc.sql("UPDATE OV_KEY_TASK SET ACTIVE = FALSE, UPDATED_AT = :now WHERE CODE = :code")
        .param("now", Timestamp.from(clock.instant())).param("code", code).update();
  }

  private KeyTask map(ResultSet rs, int i) throws SQLException {
    Date d = rs.getDate("DEADLINE");
    return new KeyTask(rs.getString("CODE"), rs.getString("CHAPTER"), rs.getString("SECTION_TITLE"),
        rs.getString("TITLE"), rs.getString("CONTENT"), rs.getString("SOURCE_TEXT"),
        OrgDirectory.splitList(rs.getString("LEAD_UNITS")), OrgDirectory.splitList(rs.getString("COOP_UNITS")),
        OrgDirectory.splitList(rs.getString("COUNTIES")), OrgDirectory.splitList(rs.getString("UNITS")),
        d == null ? null : d.toLocalDate(),
        rs.getString("DEADLINE_TEXT"), rs.getString("TARGET"), rs.getString("CADENCE"));
  }

  /** Orders codes like 2.1.10 after 2.1.9. */
  static int byCode(KeyTask a, KeyTask b) {
    String[] x = a.code().split("\\.");
    String[] y = b.code().split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d+") && y[i].matches("\\d+")
          ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
