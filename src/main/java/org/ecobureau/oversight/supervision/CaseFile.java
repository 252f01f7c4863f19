package org.ecobureau.oversight.supervision;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * 一案一档: the whole history of one item (a county assignment, a rectification item) as the
 * engine recorded it, in time order. Times are in Beijing time.
 *
 * @param businessKey    e.g. {@code KT-3.2.1:anding}
 * @param code           the key task's {@code taskCode}, or a rectification item's {@code problemNo}
 * @param title          the key task's {@code taskTitle}, or a rectification item's {@code problem}
 * @param state          {@link #RUNNING}, {@link #FINISHED} or {@link #TERMINATED}
 * @param endTime        null while the item runs
 */
public record CaseFile(
    String businessKey,
    String processInstanceId,
    String processDefinitionKey,
    String processName,
    String code,
    String title,
    String county,
    String countyName,
    String state,
    OffsetDateTime startTime,
    OffsetDateTime endTime,
    List<Entry> entries) {

  public static final String RUNNING = "进行中";
  public static final String FINISHED = "已办结";
  /** Ended without reaching an end event (cancelled by an administrator). */
  public static final String TERMINATED = "已终止";

  /**
   * What an entry records: a completed user task, a milestone of the diagram, a change of the
   * escalation ladder's warning level (预警), or an operator's action on the instance (运维操作:
   * suspension, a variable edited, a timer run early), with who did it.
   */
  public enum Kind { TASK, MILESTONE, WARNING, OPERATOR }

  /**
   * One step of the item's history.
   *
   * @param time       a task's completion, a milestone's occurrence
   * @param step       the diagram's Chinese name of the element, e.g. 签收任务, 公示期满, 已销号
   * @param activityId the element id in the diagram
   * @param userId     who completed the task (who started the item, for the start); null for the engine
   * @param userName   that user's display name
   * @param decision   the reviewer's decision as people read it (通过 / 退回), null when none
   * @param comment    comments and objections given in this step, null when none
   * @param evidence   file names of the evidence uploaded in this step
   * @param fields     what was filled in, Chinese label to value, in the order it was recorded
   */
  public record Entry(
      OffsetDateTime time,
      Kind kind,
      String step,
      String activityId,
      String userId,
      String userName,
      String decision,
      String comment,
      List<String> evidence,
      Map<String, String> fields) {}
}
