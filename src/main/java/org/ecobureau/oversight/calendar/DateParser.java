package org.ecobureau.oversight.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every date the application reads from text: a day in a ledger cell, a deadline as plans write
 * it, a reporting period, a day of the holiday calendar. Each method says what it accepts; what it
 * does not understand is empty, never an exception, so the caller words the message.
 */
public final class DateParser {

  /** A reporting period: 2026-10. */
  public static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");

  /** A parsed deadline; {@code date} is null for a standing task. */
  public record Deadline(LocalDate date) {
    public boolean standing() {
      return date == null;
    }
  }

  private static final Pattern ISO_DAY = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern SLASH_DAY = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
  private static final Pattern CHINESE_DAY = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");

  private static final Set<String> STANDING = Set.of("", "长期坚持", "长期", "持续推进", "持续开展", "常态化", "长期推进");
  private static final Pattern DEADLINE_SLASH = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");
  private static final Pattern DEADLINE_DAY = Pattern.compile("(?:到)?(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:前|以前|之前)?");
  private static final Pattern MONTH_END = Pattern.compile("(?:到)?(\\d{4})年(\\d{1,2})月(?:底|末)?(?:前|以前|之前)?");
  private static final Pattern YEAR_END = Pattern.compile("(?:到)?(\\d{4})年(?:年)?(?:底|末)?(?:前|以前|之前)?");

  private DateParser() {}

  /** A day: 2021-06-08, 2021/6/8 or 2021年6月8日 (an XLSX date cell arrives as the first). */
  public static Optional<LocalDate> day(String text) {
    String t = text.strip().replace(" ", "");
    Matcher m;
    if ((m = ISO_DAY.matcher(t)).matches() || (m = SLASH_DAY.matcher(t)).matches()
        || (m = CHINESE_DAY.matcher(t)).matches()) {
      try {
        return Optional.of(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * A 完成时限 as written in plans: "2022年底前" → 2022-12-31, "2022年6月底前" → 2022-06-30,
   * "到2025年" → 2025-12-31, "2023年3月15日前", an ISO date; "长期坚持", "持续推进" or empty → standing.
   */
  public static Optional<Deadline> deadline(String text) {
    String t = text == null ? "" : text.strip().replace(" ", "");
    if (STANDING.contains(t)) {
      return Optional.of(new Deadline(null));
    }
    try {
      Matcher m;
      if ((m = ISO_DAY.matcher(t)).matches() || (m = DEADLINE_SLASH.matcher(t)).matches()
          || (m = DEADLINE_DAY.matcher(t)).matches()) {
        return Optional.of(new Deadline(LocalDate.of(num(m, 1), num(m, 2), num(m, 3))));
      }
      if ((m = MONTH_END.matcher(t)).matches()) {
        return Optional.of(new Deadline(YearMonth.of(num(m, 1), num(m, 2)).atEndOfMonth()));
      }
      if ((m = YEAR_END.matcher(t)).matches()) {
        return Optional.of(new Deadline(LocalDate.of(num(m, 1), 12, 31)));
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A reporting period, exactly {@link #PERIOD}: 2026-10. */
  public static Optional<YearMonth> period(String text) {
    try {
      return Optional.of(YearMonth.parse(text, PERIOD));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A day of a data file, strictly ISO (2026-10-01); anything else is an error in the file. */
  public static LocalDate isoDay(String text) {
    return LocalDate.parse(text.trim());
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
