package org.ecobureau.oversight.escalation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One assignment (KT) or rectification item (RI) as the escalation ladder sees it: the county's
 * open obligation and its due date, the current level, and what drives it.
 *
 * @param mailedRank the highest level already mailed for the current miss; a level is mailed
 *     only when it rises above it, so repeated sweeps send nothing twice
 * @param lagStreak approved reports in a row whose status class was 滞后
 * @param flagged a red card by hand (province or media criticism), until its summons is done
 * @param listed 挂牌督办 ordered by a lead, until lifted
 * @param reporting in its reporting phase (办理中 / 整改中, not yet claimed): its completion deadline
 *     is watched
 */
public record SupervisionCase(
    String businessKey, String kind, String processInstanceId, String code, String title,
    String county, String countyName, String countyGroup, String leadGroups, String leadNames,
    LocalDate deadline, String openTaskId, String openTaskName, LocalDate dueDate,
    WarningLevel level, int mailedRank, int lagStreak, boolean flagged, boolean listed, boolean active,
    Instant levelSince, boolean reporting) {

  /** A case as registered (not yet in its reporting phase). */
  public SupervisionCase(String businessKey, String kind, String processInstanceId, String code, String title,
      String county, String countyName, String countyGroup, String leadGroups, String leadNames,
      LocalDate deadline, String openTaskId, String openTaskName, LocalDate dueDate,
      WarningLevel level, int mailedRank, int lagStreak, boolean flagged, boolean listed, boolean active,
      Instant levelSince) {
    this(businessKey, kind, processInstanceId, code, title, county, countyName, countyGroup, leadGroups, leadNames,
        deadline, openTaskId, openTaskName, dueDate, level, mailedRank, lagStreak, flagged, listed, active,
        levelSince, false);
  }

  public static final String KEY_TASK = "KT";
  public static final String RECTIFICATION = "RI";

  public String kindLabel() {
    return kindLabel(kind);
  }

  /** 重点任务 (KT) or 督察整改问题 (RI). */
  public static String kindLabel(String kind) {
    return RECTIFICATION.equals(kind) ? "督察整改问题" : "重点任务";
  }

  public java.util.List<String> leadGroupList() {
    return java.util.Arrays.stream(leadGroups.split(",")).filter(s -> !s.isBlank()).toList();
  }
}
