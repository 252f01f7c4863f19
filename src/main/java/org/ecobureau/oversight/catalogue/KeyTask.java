package org.ecobureau.oversight.catalogue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * One key task of the plan, with unit and county codes resolved against the organisation
 * directory. {@code deadline} is null for a standing task (长期坚持).
 *
 * <p>Its parties (who carry it, one assignment each) are {@code counties} and {@code units}: the
 * city units (承办部门) that carry a city-level measure themselves. Either may be empty, not both.
 * The lead units review; the cooperating units only read.
 */
public record KeyTask(
    String code,
    String chapter,
    String section,
    String title,
    String content,
    String sourceText,
    List<String> leadUnits,
    List<String> coopUnits,
    List<String> counties,
    List<String> units,
    LocalDate deadline,
    String deadlineText,
    String target,
    String cadence) {

  public static final String MONTHLY = "月报";
  public static final String QUARTERLY = "季报";

  public KeyTask {
    leadUnits = List.copyOf(leadUnits);
    coopUnits = List.copyOf(coopUnits);
    counties = List.copyOf(counties);
    units = units == null ? List.of() : List.copyOf(units);
    if (counties.isEmpty() && units.isEmpty()) {
      throw new IllegalArgumentException("Key task " + code + " has no party: no county and no unit");
    }
  }

  public boolean standing() {
    return deadline == null;
  }

  /**
   * A digest of the content, so a re-import can tell "unchanged" from "updated". The carrying
   * units count only when there are some, so a task without any keeps the digest it had before
   * tasks had units (re-importing an unchanged file after the upgrade changes nothing).
   */
  public String fingerprint() {
    String joined = String.join("\u0001", code, nz(chapter), nz(section), title, nz(content),
        nz(sourceText), String.join(",", leadUnits), String.join(",", coopUnits),
        String.join(",", counties), deadline == null ? "" : deadline.toString(), nz(deadlineText),
        nz(target), cadence);
    if (!units.isEmpty()) {
      joined += "\u0001units=" + String.join(",", units);
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Catalogue order of task codes: 2.10.1 after 2.9.3 (numeric parts compared as numbers). */
  public static int compareCodes(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c;
      try {
        c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      } catch (NumberFormatException e) {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
