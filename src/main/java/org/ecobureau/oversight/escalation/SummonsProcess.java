package org.ecobureau.oversight.escalation;

import org.ecobureau.oversight.identity.ProcessAccess;
import java.util.Date;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/summons.bpmn} (约谈督办), business key that of the case: opened by the
 * ladder at a red card, or by a lead in Tasklist for province or media criticism (which itself is
 * the red card). The lead schedules and records the summons; in parallel the county owes a
 * written report within {@code durations.written-report} working days, with its own timer that
 * sends a 催办 when it runs out. When both are done a red card given by hand is withdrawn.
 */
public final class SummonsProcess {

  public static final String KEY = "summons";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);
  public static final String TRIGGER_LADDER = "ladder";
  public static final String TRIGGER_MANUAL = "manual";
  public static final String TRIGGER_REBOUND = "rebound";

  public enum Element {
    summonsOrdered, summonsForked, recordSummons, submitWrittenReport, writtenReportOverdue, remindWrittenReport,
    reminderSent, summonsJoined, summonsDone;
  }

  public static final class Vars {
    /** The case (its business key), named in the lead's start form. */
    public static final Var<String> ITEM_KEY = Var.of("itemKey", String.class);
    public static final Var<String> TRIGGER = Var.of("summonsTrigger", String.class);
    public static final Var<String> REASON = Var.of("summonsReason", String.class);
    /** 省级通报 / 媒体曝光 / 其他, when flagged by hand. */
    public static final Var<String> FLAG_SOURCE = Var.of("flagSource", String.class);
    public static final Var<Date> WRITTEN_REPORT_DUE = Var.of("writtenReportDue", Date.class);
    public static final Var<Date> SUMMONS_AT = Var.of("summonsAt", Date.class);
    public static final Var<String> SUMMONS_PLACE = Var.of("summonsPlace", String.class);
    public static final Var<String> SUMMONS_ATTENDEES = Var.of("summonsAttendees", String.class);
    public static final Var<String> SUMMONS_RECORD = Var.of("summonsRecord", String.class);
    public static final Var<String> SUMMONS_HELD_BY = Var.of("summonsHeldBy", String.class, "约谈人");
    /** 面对面约谈 / 视频约谈 / 集体约谈. */
    public static final Var<String> SUMMONS_FORM = Var.of("summonsForm", String.class, "约谈形式");
    public static final Var<org.camunda.bpm.engine.variable.value.FileValue> SUMMONS_MINUTES =
        Var.of("summonsMinutes", org.camunda.bpm.engine.variable.value.FileValue.class, "约谈纪要");
    /** The county's undertaking with its written report (整改承诺). */
    public static final Var<String> RECTIFICATION_PLEDGE = Var.of("rectificationPledge", String.class, "整改承诺");
    public static final Var<String> WRITTEN_REPORT = Var.of("writtenReport", String.class);
    public static final Var<String> WRITTEN_REPORT_BY = Var.of("writtenReportBy", String.class);

    private Vars() {}
  }

  /** Start variables when the ladder opens a summons. */
  public static VariableMap variables(SupervisionCase c, String reason, String trigger) {
    return Variables.createVariables()
        .putValue(Vars.ITEM_KEY.name(), c.businessKey())
        .putValue(Vars.TRIGGER.name(), trigger)
        .putValue(Vars.REASON.name(), reason)
        .putValue(KeyTaskProcess.Vars.TASK_CODE.name(), c.code())
        .putValue(KeyTaskProcess.Vars.TASK_TITLE.name(), c.title())
        .putValue(CountyAssignmentProcess.Vars.COUNTY_NAME.name(), c.countyName())
        .putValue(CountyAssignmentProcess.Vars.COUNTY_GROUP.name(), c.countyGroup())
        .putValue(CountyAssignmentProcess.Vars.REVIEWER_GROUPS.name(), String.join(",", c.leadGroupList()));
  }

  private SummonsProcess() {}
}
