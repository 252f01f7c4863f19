package org.ecobureau.oversight.common;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** The user on whose behalf the engine runs the current command (null for the job executor). */
public final class CurrentUser {

  private CurrentUser() {}

  public static String id() {
    CommandContext ctx = Context.getCommandContext();
    return ctx == null ? null : ctx.getAuthenticatedUserId();
  }
}
