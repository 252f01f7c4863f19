package org.ecobureau.oversight.escalation;

import org.ecobureau.oversight.common.Var;

/** The variables the ladder keeps on every assignment and rectification item. */
public final class EscalationVars {

  /** none / reminder / overdue / yellow / red / listed: search for it in Cockpit. */
  public static final Var<String> WARNING_LEVEL = Var.of("warningLevel", String.class);
  /** The level in Chinese, for Tasklist's filter column. */
  public static final Var<String> WARNING_LEVEL_NAME = Var.of("warningLevelName", String.class);

  private EscalationVars() {}
}
