package org.ecobureau.oversight.assignment;

import org.ecobureau.oversight.identity.ProcessAccess;
import java.util.Date;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/county-assignment.bpmn}: one key task carried by one county, business
 * key {@code KT-<code>:<county>}. 签收 → monthly reports reviewed by the lead unit → 申请销号 →
 * lead-unit review → 公示 → 审签 → 已销号 (or 长期坚持).
 */
public final class CountyAssignmentProcess {

  public static final String KEY = "county-assignment";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);
  /** Message a public-notice objection is correlated with (REST: POST /message). */
  public static final String OBJECTION_MESSAGE = "publicNoticeObjection";

  public static final String APPROVE = "approve";
  public static final String RETURN = "return";
  public static final String CLAIM_COMPLETED = "completed";
  public static final String CLAIM_STANDING = "standing";

  /** Element ids of the diagram. */
  public enum Element {
    assignmentDispatched, acceptAssignment, reportingOpen, submitProgressReport, reportSubmitted,
    reviewProgressReport, reportReviewed, reviseProgressReport, completionWanted, claimCompletion,
    reviewCompletionClaim, claimReviewed, startPublicNotice, publicNoticeRunning, publicNoticeElapsed,
    objectionReceived, signOffAssignment, signOffDecided, closureKind, assignmentSignedOff,
    assignmentClosedAsStanding;
  }

  /** Typed variables of the process (the key task's own are in {@link KeyTaskProcess.Vars}). */
  public static final class Vars {
    public static final Var<String> COUNTY = Var.of("county", String.class);
    public static final Var<String> COUNTY_NAME = Var.of("countyName", String.class);
    public static final Var<String> COUNTY_GROUP = Var.of("countyGroup", String.class);
    /** Candidate groups of the lead units, comma separated. */
    public static final Var<String> REVIEWER_GROUPS = Var.of("reviewerGroups", String.class);

    public static final Var<String> RESPONSIBLE_PERSON = Var.of("responsiblePerson", String.class, "责任人");
    public static final Var<String> RESPONSIBLE_PHONE = Var.of("responsiblePhone", String.class, "联系电话");

    public static final Var<String> EXPECTED_PERIOD = Var.of("expectedPeriod", String.class);
    public static final Var<String> PERIOD = Var.of("period", String.class, "报告期");
    public static final Var<Number> PROGRESS = Var.of("progress", Number.class, "完成进度(%)");
    public static final Var<String> STATUS_CLASS = Var.of("statusClass", String.class, "进展状态");
    public static final Var<String> WORK_DONE = Var.of("workDone", String.class, "本期工作进展");
    public static final Var<String> PROBLEMS = Var.of("problems", String.class, "存在问题");
    public static final Var<String> NEXT_STEPS = Var.of("nextSteps", String.class, "下步打算");
    public static final Var<FileValue> REPORT_EVIDENCE = Var.of("reportEvidence", FileValue.class, "佐证材料");
    public static final Var<String> FILLED_BY = Var.of("filledBy", String.class, "填报人");
    public static final Var<String> COUNTY_LEADER = Var.of("countyLeader", String.class, "县区分管领导");
    public static final Var<Boolean> WANTS_COMPLETION = Var.of("wantsCompletion", Boolean.class, "申请销号");
    public static final Var<String> REPORT_ID = Var.of("reportId", String.class);

    public static final Var<String> REPORT_DECISION = Var.of("reportDecision", String.class);
    public static final Var<String> REPORT_COMMENT = Var.of("reportComment", String.class);

    public static final Var<String> CLAIM_TYPE = Var.of("claimType", String.class, "销号类型");
    public static final Var<String> COMPLETION_SUMMARY = Var.of("completionSummary", String.class, "完成情况说明");
    public static final Var<String> CLAIM_DECISION = Var.of("claimDecision", String.class);
    public static final Var<String> CLAIM_COMMENT = Var.of("claimComment", String.class);

    public static final Var<Date> PUBLIC_NOTICE_ENDS_AT = Var.of("publicNoticeEndsAt", Date.class);
    public static final Var<String> OBJECTION = Var.of("objection", String.class, "异议内容");

    public static final Var<String> SIGN_OFF_DECISION = Var.of("signOffDecision", String.class);
    public static final Var<String> SIGN_OFF_COMMENT = Var.of("signOffComment", String.class);
    public static final Var<String> SIGNED_OFF_BY = Var.of("signedOffBy", String.class);
    public static final Var<Date> SIGNED_OFF_AT = Var.of("signedOffAt", Date.class);
    /** 已销号 / 长期坚持 once closed. */
    public static final Var<String> CLOSURE = Var.of("closure", String.class);

    /** Why the county's reporting was reopened (claim returned, sign-off returned, objection). */
    public static final Var<String> REOPEN_REASON = Var.of("reopenReason", String.class);

    private Vars() {}
  }

  public static String businessKey(String taskCode, String county) {
    return KeyTaskProcess.businessKey(taskCode) + ":" + county;
  }

  private CountyAssignmentProcess() {}
}
