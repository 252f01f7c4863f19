package org.ecobureau.oversight.signoff;

import org.ecobureau.oversight.identity.ProcessAccess;

/**
 * {@code bpmn/file-objection.bpmn}: an objection raised during a public notice, recorded from a
 * Tasklist start form by a lead or the supervision office and forwarded to the item, which
 * reopens (see {@link ObjectionFilingGuard}, {@link ObjectionForwarder}).
 */
public final class FileObjectionProcess {

  public static final String KEY = "file-objection";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.cityOnly(KEY).startedBy(ProcessAccess.Party.SUPERVISOR);

  /** The diagram's element ids. */
  public enum Element { objectionFiled, forwardObjection, objectionForwarded }

  /** Typed variables of the objection form (the objection itself is the item's, see {@code CountyAssignmentProcess.Vars.OBJECTION}). */
  public static final class Vars {
    public static final org.ecobureau.oversight.common.Var<String> OBJECTION_CHANNEL =
        org.ecobureau.oversight.common.Var.of("objectionChannel", String.class, "异议来源");

    private Vars() {}
  }

  private FileObjectionProcess() {}
}
