package org.ecobureau.oversight.catalogue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 完成时限 as written in plans: "2022年底前" → 2022-12-31, "2022年6月底前" → 2022-06-30,
 * "到2025年" → 2025-12-31, "2023年3月15日前", an ISO date; "长期坚持", "持续推进" or empty → standing.
 */
public final class DeadlineParser {

  /** A parsed deadline; {@code date} is null for a standing task. */
  public record Deadline(LocalDate date) {
    public boolean standing() {
      return date == null;
    }
  }

  private static final Set<String> STANDING = Set.of("", "长期坚持", "长期", "持续推进", "持续开展", "常态化", "长期推进");
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern SLASH = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");
  private static final Pattern DAY = Pattern.compile("(?:到)?(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:前|以前|之前)?");
  private static final Pattern MONTH_END = Pattern.compile("(?:到)?(\\d{4})年(\\d{1,2})月(?:底|末)?(?:前|以前|之前)?");
  private static final Pattern YEAR_END = Pattern.compile("(?:到)?(\\d{4})年(?:年)?(?:底|末)?(?:前|以前|之前)?");

  private DeadlineParser() {}

  /** Empty when the text is not a deadline this parser understands. */
  public static Optional<Deadline> parse(String text) {
    String t = text == null ? "" : text.strip().replace(" ", "");
    if (STANDING.contains(t)) {
      return Optional.of(new Deadline(null));
    }
    try {
      Matcher m;
      if ((m = ISO.matcher(t)).matches() || (m = SLASH.matcher(t)).matches() || (m = DAY.matcher(t)).matches()) {
        return Optional.of(new Deadline(LocalDate.of(num(m, 1), num(m, 2), num(m, 3))));
      }
      if ((m = MONTH_END.matcher(t)).matches()) {
        return Optional.of(new Deadline(YearMonth.of(num(m, 1), num(m, 2)).atEndOfMonth()));
      }
      if ((m = YEAR_END.matcher(t)).matches()) {
        return Optional.of(new Deadline(LocalDate.of(num(m, 1), 12, 31)));
      }
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
