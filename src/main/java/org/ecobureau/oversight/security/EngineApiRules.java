package org.ecobureau.oversight.security;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which calls of Camunda's REST APIs each kind of user may make, decided before the engine sees
 * the call. Administrators may make any call. Everyone else may read what the engine's
 * authorizations let them read (counties and lead units not the job, batch and incident APIs,
 * which are operator business), run queries, claim and hand back tasks, complete tasks and
 * submit start forms (whose variables are then checked against the form, see
 * {@link SubmissionCheck}), comment, and change their own profile and password. Every other
 * write — variables, jobs, suspension, modification, messages, identity, deployments — is
 * refused before the engine runs it, so a refused call changes nothing (no retry is spent).
 *
 * <p>Pure logic: no Spring, no engine.
 */
public final class EngineApiRules {

  private EngineApiRules() {}

  /** Who calls. */
  public enum Role {
    /** {@code camunda-admin}: operators. */
    ADMIN,
    /** {@code lead} and {@code supervisor}: city-wide readers who use Cockpit. */
    CITY,
    /** Counties, lead units and anyone else: Tasklist users. */
    LOCAL
  }

  /** What the gate does with a call. */
  public enum Action { ALLOW, DENY, CHECK_TASK_SUBMISSION, CHECK_START_BY_KEY, CHECK_START_BY_ID }

  /**
   * The decision and, for the checks, the id or key it is about.
   */
  public record Decision(Action action, String subject) {
    static final Decision ALLOW = new Decision(Action.ALLOW, null);
    static final Decision DENY = new Decision(Action.DENY, null);
  }

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  /** Engine resources only operators read: jobs, batches, incidents, metrics and the like. */
  private static final Set<String> OPERATOR_RESOURCES = Set.of("job", "job-definition", "batch", "incident",
      "metrics", "schema", "telemetry", "external-task", "deployment", "authorization", "tenant",
      "event-subscription", "migration", "modification", "restart", "signal", "message", "condition");
  private static final Set<String> OPERATOR_HISTORY = Set.of("job-log", "batch", "incident",
      "external-task-log", "cleanup", "user-operation");

  private static final Pattern QUERY = Pattern.compile(
      "/(task|process-instance|variable-instance|execution|history/[a-z-]+)(/count)?");
  private static final Pattern FILTER_QUERY = Pattern.compile("/filter/[^/]+/(list|count|singleResult)");
  private static final Pattern TASK_ACTION = Pattern.compile("/task/([^/]+)/(claim|unclaim|comment/create)");
  private static final Pattern TASK_SUBMISSION = Pattern.compile("/task/([^/]+)/(complete|submit-form)");
  private static final Pattern START_BY_KEY = Pattern.compile("/process-definition/key/([^/]+)/(start|submit-form)");
  private static final Pattern START_BY_ID = Pattern.compile("/process-definition/([^/]+)/(start|submit-form)");
  private static final Pattern OWN_ACCOUNT = Pattern.compile("/user/([^/]+)/(profile|credentials)");
  private static final Pattern FILTER_WRITE = Pattern.compile("/filter/[^/]+");

  /**
   * The decision for a call of the engine's REST API.
   *
   * @param path the resource path below the engine, e.g. {@code /task/42/complete}
   */
  public static Decision engineCall(Role role, String userId, String method, String path) {
    if (role == Role.ADMIN) {
      return Decision.ALLOW;
    }
    String resource = segment(path, 0);
    boolean identity = "identity".equals(resource) && !path.startsWith("/identity/groups");
    boolean operatorOnly = identity || OPERATOR_RESOURCES.contains(resource)
        || "history".equals(resource) && OPERATOR_HISTORY.contains(segment(path, 1));
    if (READS.contains(method)) {
      // City readers see jobs, incidents and the like in Cockpit (the engine's authorizations
      // still decide what); Tasklist users have no business there.
      boolean hidden = role == Role.LOCAL ? operatorOnly : identity;
      return hidden ? Decision.DENY : Decision.ALLOW;
    }
    if (operatorOnly) {
      return Decision.DENY;
    }
    if ("POST".equals(method)) {
      if (QUERY.matcher(path).matches() || FILTER_QUERY.matcher(path).matches()
          || TASK_ACTION.matcher(path).matches()) {
        return Decision.ALLOW;
      }
      Matcher m = TASK_SUBMISSION.matcher(path);
      if (m.matches()) {
        return new Decision(Action.CHECK_TASK_SUBMISSION, m.group(1));
      }
      m = START_BY_KEY.matcher(path);
      if (m.matches()) {
        return new Decision(Action.CHECK_START_BY_KEY, m.group(1));
      }
      m = START_BY_ID.matcher(path);
      if (m.matches() && !"key".equals(m.group(1))) {
        return new Decision(Action.CHECK_START_BY_ID, m.group(1));
      }
      if ("/filter/create".equals(path)) {
        return Decision.ALLOW; // the engine's filter permissions decide
      }
      return Decision.DENY;
    }
    if ("PUT".equals(method)) {
      Matcher m = OWN_ACCOUNT.matcher(path);
      if (m.matches()) {
        return m.group(1).equals(userId) ? Decision.ALLOW : Decision.DENY;
      }
    }
    if (("PUT".equals(method) || "DELETE".equals(method)) && FILTER_WRITE.matcher(path).matches()) {
      return Decision.ALLOW; // one's own saved filters; the engine's filter permissions decide
    }
    return Decision.DENY;
  }

  /**
   * The decision for a call of the webapps' own APIs ({@code /camunda/api/<app>/...}), other
   * than their engine API.
   *
   * @param app   {@code admin}, {@code cockpit}, {@code tasklist}, {@code welcome}
   * @param rest  the path below {@code /camunda/api/<app>}
   * @param role  null when nobody is logged in
   */
  public static Decision webappCall(String app, String rest, Role role, String method) {
    if ("admin".equals(app)) {
      if (rest.startsWith("/auth/")) {
        return Decision.ALLOW; // login, logout and the login status
      }
      if (rest.startsWith("/setup/")) {
        // Camunda's "create the first administrator" page: this application never runs without
        // an administrator, so nobody may create one from a browser.
        return Decision.DENY;
      }
      return role == null || role == Role.ADMIN ? Decision.ALLOW : Decision.DENY;
    }
    if ("cockpit".equals(app)) {
      return role == null || role != Role.LOCAL ? Decision.ALLOW : Decision.DENY;
    }
    if (role == null || role == Role.ADMIN || READS.contains(method)) {
      return Decision.ALLOW;
    }
    return List.of("tasklist", "welcome").contains(app) ? Decision.ALLOW : Decision.DENY;
  }

  /** The path's n-th segment (0 for {@code task} in {@code /task/42/complete}), or "". */
  private static String segment(String path, int n) {
    String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/");
    return n < parts.length ? parts[n] : "";
  }
}
