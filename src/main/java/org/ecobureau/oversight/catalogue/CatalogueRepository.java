package org.ecobureau.oversight.catalogue;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.importing.ReplacingImport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The catalogue of key tasks (table OV_KEY_TASK). */
@Repository
public class CatalogueRepository implements ReplacingImport.Store<KeyTask> {

  private final JdbcTemplate jdbc;

  public CatalogueRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<KeyTask> findActive() {
    return jdbc.query("SELECT * FROM OV_KEY_TASK WHERE ACTIVE = TRUE", this::map).stream()
        .sorted(CatalogueRepository::byCode).toList();
  }

  public Optional<KeyTask> find(String code) {
    return jdbc.query("SELECT * FROM OV_KEY_TASK WHERE CODE = ? AND ACTIVE = TRUE", this::map, code)
        .stream().findFirst();
  }

  /** Whether the code was in the catalogue and a later import retired it. */
  public boolean isRetired(String code) {
    return !jdbc.query("SELECT CODE FROM OV_KEY_TASK WHERE CODE = ? AND ACTIVE = FALSE",
        (rs, i) -> rs.getString(1), code).isEmpty();
  }

  /** Locks the task's row until the surrounding transaction ends. */
  public void lockForStart(String code) {
    jdbc.query("SELECT CODE FROM OV_KEY_TASK WHERE CODE = ? FOR UPDATE", (rs, i) -> rs.getString(1), code);
  }

  public long countActive() {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM OV_KEY_TASK WHERE ACTIVE = TRUE", Long.class);
    return n == null ? 0 : n;
  }

  /** Fingerprints of every row (active or not) by code. */
  public Map<String, String> fingerprints() {
    return jdbc.query("SELECT CODE, FINGERPRINT, ACTIVE FROM OV_KEY_TASK",
            (rs, i) -> Map.entry(rs.getString(1), rs.getBoolean(3) ? rs.getString(2) : ReplacingImport.RETIRED))
        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public void insert(KeyTask t) {
    jdbc.update("INSERT INTO OV_KEY_TASK (CODE, CHAPTER, SECTION_TITLE, TITLE, CONTENT, SOURCE_TEXT,"
            + " LEAD_UNITS, COOP_UNITS, COUNTIES, DEADLINE, DEADLINE_TEXT, TARGET, CADENCE, ACTIVE,"
            + " FINGERPRINT, UPDATED_AT) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,TRUE,?,?)",
        t.code(), t.chapter(), t.section(), t.title(), t.content(), t.sourceText(),
        String.join(",", t.leadUnits()), String.join(",", t.coopUnits()), String.join(",", t.counties()),
        t.deadline() == null ? null : Date.valueOf(t.deadline()), t.deadlineText(), t.target(),
        t.cadence(), t.fingerprint(), Timestamp.from(Instant.now()));
  }

  public void update(KeyTask t) {
    jdbc.update("UPDATE OV_KEY_TASK SET CHAPTER=?, SECTION_TITLE=?, TITLE=?, CONTENT=?, SOURCE_TEXT=?,"
            + " LEAD_UNITS=?, COOP_UNITS=?, COUNTIES=?, DEADLINE=?, DEADLINE_TEXT=?, TARGET=?, CADENCE=?,"
            + " ACTIVE=TRUE, FINGERPRINT=?, UPDATED_AT=? WHERE CODE=?",
        t.chapter(), t.section(), t.title(), t.content(), t.sourceText(),
        String.join(",", t.leadUnits()), String.join(",", t.coopUnits()), String.join(",", t.counties()),
        t.deadline() == null ? null : Date.valueOf(t.deadline()), t.deadlineText(), t.target(),
        t.cadence(), t.fingerprint(), Timestamp.from(Instant.now()), t.code());
  }

  public void retire(String code) {
    jdbc.update("UPDATE OV_KEY_TASK SET ACTIVE = FALSE, UPDATED_AT = ? WHERE CODE = ?",
        Timestamp.from(Instant.now()), code);
  }

  private KeyTask map(ResultSet rs, int i) throws SQLException {
    Date d = rs.getDate("DEADLINE");
    return new KeyTask(rs.getString("CODE"), rs.getString("CHAPTER"), rs.getString("SECTION_TITLE"),
        rs.getString("TITLE"), rs.getString("CONTENT"), rs.getString("SOURCE_TEXT"),
        OrgDirectory.splitList(rs.getString("LEAD_UNITS")), OrgDirectory.splitList(rs.getString("COOP_UNITS")),
        OrgDirectory.splitList(rs.getString("COUNTIES")), d == null ? null : d.toLocalDate(),
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
