package org.ecobureau.oversight.common;

/**
 * One step of bringing an installation to its working state at start-up, contributed by the
 * feature it belongs to as a Spring bean and run by {@link Startup} in {@link #order()}. Every
 * step is idempotent: it runs on every start of every node.
 *
 * <p>The order of all steps, in one place:
 */
public record StartupStep(int order, String name, Runnable action) {

  /** The diagrams and forms of bpmn/. */
  public static final int DEPLOY = 100;
  /** Groups and each role's standing grants. */
  public static final int IDENTITY = 200;
  /** Shared Tasklist filters. */
  public static final int FILTERS = 300;
  /** The configured first administrator. */
  public static final int ADMIN = 400;
  /** Demo users (profile demo). */
  public static final int DEMO_USERS = 500;
  /** No start without an administrator. */
  public static final int REQUIRE_ADMIN = 600;
  /** Which users each county may see (per-user grants, so after the users exist). */
  public static final int DIRECTORY = 700;
  /** Engine-side steps a schema migration asked for (the ladder backfill). */
  public static final int BACKFILL = 800;
  /** Running instances of older diagrams carried over when a migration asks for it (after the backfill). */
  public static final int UPGRADE = 850;
  /** The bundled catalogue, into an empty catalogue only. */
  public static final int CATALOGUE = 900;
  /** Demo: the illustrative rectification ledger. */
  public static final int DEMO_LEDGER = 1000;
  /** Demo: a key-task instance per catalogue task. */
  public static final int DEMO_KEY_TASKS = 1100;
}
