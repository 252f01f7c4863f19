package org.ecobureau.oversight.escalation;

import org.ecobureau.oversight.identity.ProcessAccess;
import java.util.Date;
import org.ecobureau.oversight.common.Var;

/**
 * Contract of {@code bpmn/extension-request.bpmn} (延期申请), business key that of the case: a
 * county asks, before the due date of its open task, for a later one; a lead approves (the due
 * date moves and the ladder starts again from it) or refuses (nothing changes). A request after
 * the due date is refused at once and changes nothing.
 */
public final class ExtensionRequestProcess {

  public static final String KEY = "extension-request";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY).startedBy(ProcessAccess.Party.COUNTY);
  public static final String APPROVE = "approve";
  public static final String REFUSE = "refuse";
  /** {@code extendedTaskId} when the completion deadline, not an open task, is extended. */
  public static final String DEADLINE_MARKER = "deadline";
  /** How the completion deadline is named in the request, the decision and the mail. */
  public static final String DEADLINE_NAME = "完成时限";

  public enum Element {
    extensionRequested, decideExtension, extensionDecided, applyExtension, extensionApproved, extensionRefused;
  }

  public static final class Vars {
    public static final Var<String> ITEM_KEY = Var.of("itemKey", String.class);
    public static final Var<Date> REQUESTED_DUE = Var.of("requestedDue", Date.class);
    public static final Var<String> EXTENSION_REASON = Var.of("extensionReason", String.class);
    /** Set by the filing guard: the task and due date the request is about. */
    public static final Var<String> EXTENDED_TASK_ID = Var.of("extendedTaskId", String.class);
    public static final Var<String> EXTENDED_TASK_NAME = Var.of("extendedTaskName", String.class);
    public static final Var<Date> CURRENT_DUE = Var.of("currentDue", Date.class);
    public static final Var<String> EXTENSION_DECISION = Var.of("extensionDecision", String.class);
    public static final Var<String> EXTENSION_COMMENT = Var.of("extensionComment", String.class);
    /** For an inspection item's rectification deadline: the province's approval document (文号). */
    public static final Var<String> PROVINCE_APPROVAL = Var.of("provinceApproval", String.class, "省级审批文件文号");

    private Vars() {}
  }

  private ExtensionRequestProcess() {}
}
