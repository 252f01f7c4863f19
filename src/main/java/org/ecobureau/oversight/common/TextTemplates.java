package org.ecobureau.oversight.common;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ecobureau.oversight.OversightProperties;
import org.springframework.stereotype.Component;

/**
 * The user-facing texts of mails, letters and notices: Mustache templates under
 * {@code src/main/resources/templates/} (e.g. {@code mail/report-returned.body.mustache}), rendered
 * as plain text (no HTML escaping; a null value renders empty).
 *
 * <p>Every template also sees {@code org} (the city's names from {@code oversight.org}:
 * {@code city}, {@code issuingBody}, {@code letterPrefix}) and {@code days} (every working-day
 * count of {@code oversight.durations}, e.g. {@code {{days.writtenReport}}}). A {@link LocalDate}
 * or {@link Date} in the model renders in the Chinese long form (2026年11月2日, Beijing time).
 *
 * <p>The file's final line break is not part of the text, so a one-line subject stays one line.
 */
@Component
public class TextTemplates {

  /** The Chinese long date of every text: 2026年11月2日. */
  public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final Mustache.Compiler compiler;
  private final Map<String, Object> shared;
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  public TextTemplates(Mustache.Compiler compiler, OversightProperties properties) {
    this.compiler = compiler.escapeHTML(false).nullValue("").withFormatter(TextTemplates::format);
    var org = properties.org();
    Map<String, Object> orgNames = new LinkedHashMap<>();
    orgNames.put("city", org.city());
    orgNames.put("issuingBody", org.issuingBody());
    orgNames.put("letterPrefix", org.letterPrefix());
    var d = properties.durations();
    Map<String, Object> days = new LinkedHashMap<>();
    days.put("accept", d.accept());
    days.put("plan", d.plan());
    days.put("publicNotice", d.publicNotice());
    days.put("lookBack", d.lookBack());
    days.put("reminderBefore", d.reminderBefore());
    days.put("yellowAfter", d.yellowAfter());
    days.put("redAfter", d.redAfter());
    days.put("writtenReport", d.writtenReport());
    days.put("summons", d.summons());
    days.put("weeklyReport", d.weeklyReport());
    days.put("extensionDecision", d.extensionDecision());
    days.put("letterReply", d.letterReply());
    this.shared = Map.of("org", orgNames, "days", days);
  }

  /** Renders {@code templates/<name>.mustache} with the model (plus {@code org} and {@code days}). */
  public String render(String name, Map<String, ?> model) {
    Template template = compiled.computeIfAbsent(name, compiler::loadTemplate);
    Map<String, Object> context = new LinkedHashMap<>(shared);
    context.putAll(model);
    String text = template.execute(context);
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  /** {@link #render} with the model given as key, value, key, value, … (values may be null). */
  public String text(String name, Object... keysAndValues) {
    Map<String, Object> model = new HashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      model.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return render(name, model);
  }

  private static String format(Object value) {
    if (value instanceof LocalDate day) {
      return DAY.format(day);
    }
    if (value instanceof Date date) {
      return DAY.format(date.toInstant().atZone(ZONE).toLocalDate());
    }
    return String.valueOf(value);
  }
}
