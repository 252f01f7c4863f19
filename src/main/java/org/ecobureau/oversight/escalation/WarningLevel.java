package org.ecobureau.oversight.escalation;

import java.util.Arrays;

/**
 * The rungs of the escalation ladder, lowest first. {@link #code()} is what the process variable
 * {@code warningLevel} holds (searchable in Cockpit), {@link #label()} what users read
 * ({@code warningLevelName}), {@link #status()} the board column.
 */
public enum WarningLevel {
  NONE("none", "正常", "按期推进"),
  REMINDER("reminder", "临期提醒", "即将到期"),
  OVERDUE("overdue", "逾期催办", "逾期"),
  YELLOW("yellow", "黄牌预警", "黄牌"),
  RED("red", "红牌督办", "红牌"),
  LISTED("listed", "挂牌督办", "挂牌督办");

  private final String code;
  private final String label;
  private final String status;

  WarningLevel(String code, String label, String status) {
    this.code = code;
    this.label = label;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public String status() {
    return status;
  }

  public int rank() {
    return ordinal();
  }

  public static WarningLevel ofRank(int rank) {
    return values()[rank];
  }

  public static WarningLevel ofCode(String code) {
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown warning level " + code));
  }

  public static WarningLevel max(WarningLevel a, WarningLevel b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
