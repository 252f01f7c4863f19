package org.ecobureau.oversight.escalation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Supervision letters (专函督办): issued to the county when an item gets its second yellow card
 * within a calendar quarter, at most one per item and quarter (a unique key in the table makes
 * that hold on several nodes too). Stored, mailed, and downloadable as a Word document.
 *
 * <p>Number, title and text come from {@code templates/letter/supervision-letter.*.mustache}, with
 * the issuing body and the number's prefix from {@code oversight.org} and the reply time from
 * {@code oversight.durations.letter-reply}. A letter is stored as issued: the Word document is
 * made from the stored text, so a later change of template or configuration does not alter it.
 */
@Component
public class SupervisionLetters {

  public record Letter(String id, String letterNo, String businessKey, String quarter, String county,
      Instant issuedAt, String subject, String body) {}

  private final JdbcTemplate jdbc;
  private final EscalationNotices notices;
  private final TextTemplates texts;
  private final String font;

  public SupervisionLetters(JdbcTemplate jdbc, EscalationNotices notices, TextTemplates texts,
      OversightProperties properties) {
    this.jdbc = jdbc;
    this.notices = notices;
    this.texts = texts;
    this.font = properties.letters().font();
  }

  public static String quarterKey(LocalDate day) {
    return day.getYear() + "Q" + ((day.getMonthValue() - 1) / 3 + 1);
  }

  public static LocalDate quarterStart(LocalDate day) {
    return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
  }

  /** Issues the letter for this quarter unless one exists; returns it if issued now. */
  public Optional<Letter> issue(SupervisionCase c, LocalDate today, Instant now) {
    String quarter = quarterKey(today);
    Integer existing = jdbc.queryForObject(
        "SELECT COUNT(*) FROM OV_SUPERVISION_LETTER WHERE BUSINESS_KEY=? AND QUARTER_KEY=?", Integer.class,
        c.businessKey(), quarter);
    if (existing != null && existing > 0) {
      return Optional.empty();
    }
    Integer ofYear = jdbc.queryForObject("SELECT COUNT(*) FROM OV_SUPERVISION_LETTER WHERE QUARTER_KEY LIKE ?",
        Integer.class, today.getYear() + "Q%");
    Map<String, Object> model = EscalationNotices.model(c);
    model.put("year", today.getYear());
    model.put("serial", (ofYear == null ? 0 : ofYear) + 1);
    model.put("issuedOn", today);
    String letterNo = texts.render("letter/supervision-letter.number", model);
    String subject = texts.render("letter/supervision-letter.subject", model);
    String body = texts.render("letter/supervision-letter.body", model);
    Letter letter = new Letter(UUID.randomUUID().toString(), letterNo, c.businessKey(), quarter, c.county(), now,
        subject, body);
    jdbc.update("INSERT INTO OV_SUPERVISION_LETTER (ID, LETTER_NO, BUSINESS_KEY, QUARTER_KEY, COUNTY, ISSUED_AT,"
            + " SUBJECT, BODY) VALUES (?,?,?,?,?,?,?,?)", letter.id(), letterNo, c.businessKey(), quarter, c.county(),
        Timestamp.from(now), subject, body);
    List<String> groups = new java.util.ArrayList<>(List.of(c.countyGroup(), OrgDirectory.LEAD_GROUP));
    groups.addAll(c.leadGroupList());
    notices.send(c, "supervision-letter", groups, Map.of("letterNo", letterNo, "subject", subject, "body", body),
        c.businessKey() + "|letter|" + quarter);
    return Optional.of(letter);
  }

  public List<Letter> letters(String businessKey) {
    return jdbc.query("SELECT * FROM OV_SUPERVISION_LETTER WHERE BUSINESS_KEY=? ORDER BY ISSUED_AT",
        (rs, i) -> map(rs), businessKey);
  }

  public Optional<Letter> find(String id) {
    return jdbc.query("SELECT * FROM OV_SUPERVISION_LETTER WHERE ID=?", (rs, i) -> map(rs), id).stream().findFirst();
  }

  private static Letter map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Letter(rs.getString("ID"), rs.getString("LETTER_NO"), rs.getString("BUSINESS_KEY"),
        rs.getString("QUARTER_KEY"), rs.getString("COUNTY"), rs.getTimestamp("ISSUED_AT").toInstant(),
        rs.getString("SUBJECT"), rs.getString("BODY"));
  }

  /** The letter as a Word document: number, title, then the body paragraph by paragraph. */
  public byte[] docx(Letter letter) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XWPFParagraph no = doc.createParagraph();
      no.setAlignment(ParagraphAlignment.RIGHT);
      no.createRun().setText(letter.letterNo());
      XWPFParagraph title = doc.createParagraph();
      title.setAlignment(ParagraphAlignment.CENTER);
      XWPFRun t = title.createRun();
      t.setBold(true);
      t.setFontSize(18);
      t.setText(letter.subject());
      for (String line : letter.body().split("\n")) {
        XWPFParagraph p = doc.createParagraph();
        XWPFRun r = p.createRun();
        if (font != null && !font.isBlank()) {
          r.setFontFamily(font);
        }
        r.setFontSize(14);
        r.setText(line);
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write letter " + letter.id(), e);
    }
  }
}
