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
    LocalDate deadline,
    String deadlineText,
    String target,
    String cadence) {

  public static final String MONTHLY = "月报";
  public static final String QUARTERLY = "季报";

  public boolean standing() {
    return deadline == null;
  }

  /** A digest of the content, so a re-import can tell "unchanged" from "updated". */
  public String fingerprint() {
    String joined = String.join("\u0001", code, nz(chapter), nz(section), title, nz(content),
        nz(sourceText), String.join(",", leadUnits), String.join(",", coopUnits),
        String.join(",", counties), deadline == null ? "" : deadline.toString(), nz(deadlineText),
        nz(target), cadence);
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
}
