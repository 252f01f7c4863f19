package org.ecobureau.oversight.escalation;

import org.ecobureau.oversight.identity.ProcessAccess;
import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/listed-supervision.bpmn} (挂牌督办), business key that of the case:
 * ordered by a lead in Tasklist; the county reports every week until the lead lifts the listing
 * (weekly reports stop by themselves if the case closes meanwhile).
 */
public final class ListedSupervisionProcess {

  public static final String KEY = "listed-supervision";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);

  public enum Element {
    listingOrdered, listingForked, weeklyReportFiled, submitWeeklyReport, weeklyReportChecked, weeklyReportingEnded,
    liftListing, listingLifted;
  }

  public static final class Vars {
    public static final Var<String> ITEM_KEY = Var.of("itemKey", String.class);
    public static final Var<String> LISTING_REASON = Var.of("listingReason", String.class);
    public static final Var<Integer> WEEK = Var.of("week", Integer.class);
    public static final Var<String> WEEKLY_PROGRESS = Var.of("weeklyProgress", String.class);
    public static final Var<String> LIFT_COMMENT = Var.of("liftComment", String.class);

    private Vars() {}
  }

  private ListedSupervisionProcess() {}
}
