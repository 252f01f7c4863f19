package org.ecobureau.oversight.catalogue;

import java.util.Optional;
import org.ecobureau.oversight.calendar.DateParser;

/**
 * Reads a 完成时限 as written in plans: "2022年底前" → 2022-12-31, "2022年6月底前" → 2022-06-30,
 * "到2025年" → 2025-12-31, "2023年3月15日前", an ISO date; "长期坚持", "持续推进" or empty → standing.
 * The parsing is {@link DateParser#deadline}, the one date parser.
 */
public final class DeadlineParser {

  private DeadlineParser() {}

  /** Empty when the text is not a deadline this parser understands. */
  public static Optional<DateParser.Deadline> parse(String text) {
    return DateParser.deadline(text);
  }
}
