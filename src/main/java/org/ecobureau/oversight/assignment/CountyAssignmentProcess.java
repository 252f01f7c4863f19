package org.ecobureau.oversight.assignment;

import org.ecobureau.oversight.identity.ProcessAccess;
import java.util.Date;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/county-assignment.bpmn}: one key task carried by one party (a county),
 * business key {@code KT-<code>:<county>}. 签收 (or 不涉及, confirmed by the lead unit) → 办理中,
 * reported through the party's periodic report (reporting.PeriodicReportProcess), whose row may
 * claim completion ({@link #COMPLETION_CLAIMED_MESSAGE}) → lead-unit review → 公示 → 审签 → 已销号
 * (or 长期坚持).
 */
public final class CountyAssignmentProcess {

  public static final String KEY = "county-assignment";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);
  /** Message a public-notice objection is correlated with (REST: POST /message). */
  public static final String OBJECTION_MESSAGE = "publicNoticeObjection";
  /** Message a periodic report's row claiming completion is correlated with (server side only). */
  public static final String COMPLETION_CLAIMED_MESSAGE = "completionClaimed";
  /** 签收 answers. */
  public static final String ANSWER_ACCEPT = "accept";
  public static final String ANSWER_NOT_CONCERNED = "notConcerned";
  /** Closure of an assignment confirmed as not concerning the party. */
  public static final String CLOSURE_NOT_CONCERNED = "不涉及";

  public static final String APPROVE = "approve";
  public static final String RETURN = "return";
  public static final String CLAIM_COMPLETED = "completed";
  public static final String CLAIM_STANDING = "standing";

  /** Element ids of the diagram. */
  public enum Element {
    assignmentDispatched, acceptOpen, acceptAssignment, acceptanceAnswered, confirmNotConcerned, notConcernedDecided,
    assignmentNotConcerned, carryingOn, carryingOut, reviewCompletionClaim, claimReviewed, startPublicNotice,
    publicNoticeRunning, publicNoticeElapsed, objectionReceived, signOffAssignment, signOffDecided, closureKind,
    assignmentSignedOff, assignmentClosedAsStanding;
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

    public static final Var<String> ACCEPTANCE_ANSWER = Var.of("acceptanceAnswer", String.class, "签收答复");
    public static final Var<String> NOT_CONCERNED_REASON = Var.of("notConcernedReason", String.class, "不涉及理由");
    public static final Var<String> NOT_CONCERNED_DECISION = Var.of("notConcernedDecision", String.class);
    public static final Var<String> NOT_CONCERNED_COMMENT = Var.of("notConcernedComment", String.class, "确认意见");
    /** The periodic report whose row claimed completion: its evidence is the claim's. */
    public static final Var<String> CLAIM_REPORT = Var.of("claimReport", String.class);

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
