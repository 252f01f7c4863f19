package org.ecobureau.oversight.rectification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One inspection feedback problem (督察反馈问题) as it stands in the rectification ledger
 * (整改台账), for one county. A ledger row naming several counties becomes one item per county,
 * all with the same {@code problemNo}. Unit and county codes are resolved against the
 * organisation directory; {@code deadline} is null exactly when the item is long-term (长期坚持).
 */
public record RectificationItem(
    String source,
    String round,
    LocalDate feedbackDate,
    String problemNo,
    String problem,
    String county,
    String responsibleUnit,
    String leadUnit,
    String acceptanceUnit,
    String responsibleLeader,
    LocalDate deadline,
    boolean longTerm,
    String measures) {

  public static final String CENTRAL = "中央督察";
  public static final String PROVINCIAL = "省督察";
  public static final String LOOK_BACK = "回头看";
  public static final String SPECIAL = "专项督察";

  /** The inspection sources and their codes in business keys, in this order. */
  public static final Map<String, String> SOURCE_CODES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(CENTRAL, "ZY");
    m.put(PROVINCIAL, "SJ");
    m.put(LOOK_BACK, "HTK");
    m.put(SPECIAL, "ZX");
    SOURCE_CODES = java.util.Collections.unmodifiableMap(m);
  }

  public RectificationItem {
    if (!SOURCE_CODES.containsKey(source)) {
      throw new IllegalArgumentException("Unknown inspection source " + source);
    }
  }

  /** ZY, SJ, HTK or ZX. */
  public String sourceCode() {
    return SOURCE_CODES.get(source);
  }

  /** {@code RI-<sourceCode>-<problemNo>:<county>}, e.g. {@code RI-ZY-3:anding}. */
  public String businessKey() {
    return businessKey(source, problemNo, county);
  }

  public static String businessKey(String source, String problemNo, String county) {
    return RectificationItemProcess.businessKey(SOURCE_CODES.get(source), problemNo, county);
  }

  /** A digest of every field, so a re-import can tell "unchanged" from "updated". */
  public String fingerprint() {
    String joined = String.join("\u0001", source, nz(round),
        feedbackDate == null ? "" : feedbackDate.toString(), problemNo, nz(problem), county,
        nz(responsibleUnit), nz(leadUnit), nz(acceptanceUnit), nz(responsibleLeader),
        deadline == null ? "" : deadline.toString(), Boolean.toString(longTerm), nz(measures));
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
