package org.ecobureau.oversight.rectification;

import org.ecobureau.oversight.identity.ProcessAccess;
import java.util.Date;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/rectification-item.bpmn}: one inspection problem carried by one
 * county, business key {@code RI-<source>-<no>:<county>}. 交办 → 整改方案 (30 working days) →
 * plan review by the city rectification office → 整改中 with monthly reports → 申请验收 → 市级验收
 * → 公示 → 审签 → 销号报备 → 回头看 at 3, 6 and 12 months; a rebound reopens it at red.
 * Long-term items go back to periodic reporting after acceptance and are signed off when the
 * county applies for it.
 */
public final class RectificationItemProcess {

  public static final String KEY = "rectification-item";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);
  public static final String BUSINESS_KEY_PREFIX = "RI-";
  /** Message a periodic report's row asking for acceptance (申请验收, or closure of a long-term item) is correlated with. */
  public static final String CLAIMED_MESSAGE = "rectificationClaimed";
  /** Months after sign-off of the three look-backs (回头看). */
  public static final int[] LOOK_BACK_MONTHS = {3, 6, 12};
  public static final String CLEAN = "clean";
  public static final String REBOUND = "rebound";
  public static final String RED = "red";

  public enum Element {
    itemAssigned, planOpen, draftRectificationPlan, reviewRectificationPlan, planReviewed,
    rectifyingOpen, rectifying, nextAfterRectifying, requestAcceptance,
    acceptRectification, acceptanceDecided, longTermAfterAcceptance, keepLongTermReporting, noticeOpen,
    startRectificationNotice, rectificationNoticeRunning, rectificationNoticeElapsed,
    rectificationObjectionReceived, signOffRectification, rectSignOffDecided, fileClosure, lookBackLoop,
    scheduleLookBack, lookBackDue, lookBackSelfCheck, reviewLookBack, lookBackResult, flagRebound,
    moreLookBacks, itemClosed;
  }

  /**
   * Typed variables. Those of the periodic report, the decisions and the public notice have the
   * same names as a county assignment's (the forms are shared), but are declared here: this
   * process's contract is whole in this class.
   */
  public static final class Vars {
    public static final Var<String> COUNTY = Var.of("county", String.class);
    public static final Var<String> COUNTY_NAME = Var.of("countyName", String.class);
    /** The county's candidate group, set by the server when the item starts. */
    public static final Var<String> COUNTY_GROUP = Var.of("countyGroup", String.class);
    /** The lead unit's candidate group(s), from the ledger, set by the server when the item starts. */
    public static final Var<String> REVIEWER_GROUPS = Var.of("reviewerGroups", String.class);
    /** Why the county's work was reopened (a returned plan, acceptance or sign-off; a rebound), for the mail. */
    public static final Var<String> REOPEN_REASON = Var.of("reopenReason", String.class);

    public static final Var<String> SOURCE = Var.of("source", String.class);
    public static final Var<String> SOURCE_CODE = Var.of("sourceCode", String.class);
    public static final Var<String> ROUND = Var.of("inspectionRound", String.class);
    public static final Var<Date> FEEDBACK_DATE = Var.of("feedbackDate", Date.class);
    public static final Var<String> PROBLEM_NO = Var.of("problemNo", String.class);
    public static final Var<String> PROBLEM = Var.of("problem", String.class);
    public static final Var<String> RESPONSIBLE_UNIT = Var.of("responsibleUnit", String.class);
    public static final Var<String> RESPONSIBLE_LEADER = Var.of("responsibleLeader", String.class);
    public static final Var<String> ACCEPTANCE_UNIT = Var.of("acceptanceUnit", String.class);
    public static final Var<String> ACCEPTANCE_UNIT_NAME = Var.of("acceptanceUnitName", String.class);
    public static final Var<String> ACCEPTANCE_GROUP = Var.of("acceptanceGroup", String.class);
    public static final Var<Boolean> LONG_TERM = Var.of("longTerm", Boolean.class);
    /** Set once a long-term item has passed acceptance and stays under periodic reporting. */
    public static final Var<Date> LONG_TERM_ACCEPTED = Var.of("longTermAccepted", Date.class);

    public static final Var<String> PLAN_MEASURES = Var.of("planMeasures", String.class, "整改措施");
    public static final Var<String> PLAN_GOAL = Var.of("planGoal", String.class, "整改目标");
    public static final Var<String> PLAN_DEADLINE = Var.of("planDeadline", String.class, "整改时限");
    public static final Var<String> PLAN_LEADER = Var.of("planLeader", String.class, "责任领导");
    public static final Var<String> PLAN_DECISION = Var.of("planDecision", String.class);
    public static final Var<String> PLAN_COMMENT = Var.of("planComment", String.class);

    public static final Var<String> SELF_CHECK = Var.of("selfCheck", String.class, "自查情况");
    public static final Var<FileValue> ACCEPTANCE_EVIDENCE = Var.of("acceptanceEvidence", FileValue.class, "佐证材料");
    public static final Var<String> ACCEPTANCE_DECISION = Var.of("acceptanceDecision", String.class);
    public static final Var<String> ACCEPTANCE_COMMENT = Var.of("acceptanceComment", String.class);

    public static final Var<Date> CLOSURE_FILED_AT = Var.of("closureFiledAt", Date.class);
    public static final Var<Integer> LOOK_BACK_ROUND = Var.of("lookBackRound", Integer.class);
    public static final Var<Date> LOOK_BACK_AT = Var.of("lookBackAt", Date.class);
    public static final Var<String> LOOK_BACK_FINDINGS = Var.of("lookBackFindings", String.class, "现场自查情况");
    public static final Var<String> LOOK_BACK_DECISION = Var.of("lookBackDecision", String.class);
    public static final Var<String> LOOK_BACK_COMMENT = Var.of("lookBackComment", String.class);
    public static final Var<String> WARNING_LEVEL = Var.of("warningLevel", String.class);
    public static final Var<Integer> REBOUND_COUNT = Var.of("reboundCount", Integer.class);

    private Vars() {}
  }

  /** {@code RI-<sourceCode>-<problemNo>:<county>}, e.g. {@code RI-ZY-3:anding}: the only place it is built. */
  public static String businessKey(String sourceCode, String problemNo, String county) {
    return BUSINESS_KEY_PREFIX + sourceCode + "-" + problemNo + ":" + county;
  }

  /** Whether a business key is a rectification item's (a key task's otherwise). */
  public static boolean isBusinessKey(String businessKey) {
    return businessKey != null && businessKey.startsWith(BUSINESS_KEY_PREFIX);
  }

  private RectificationItemProcess() {}
}
