package org.ecobureau.oversight.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Two people changing the same thing at once (the same 交办 completed twice, a row inserted by
 * both, a lock waited on too long) is a conflict, not a server error. Called from the engine's
 * REST API (and the webapps' engine API), such a failure is answered 409 with a Chinese message;
 * the SQL, stack and class names stay in the server log. Java callers get the exception as is.
 */
public class ConflictTranslator extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ConflictTranslator.class);

  /**
   * Request attribute holding the failure of an engine command called by the request, so the
   * engine REST API's error answer can log it with the reference it shows (web.EngineErrorBodies).
   */
  public static final String FAILURE_ATTRIBUTE = ConflictTranslator.class.getName() + ".failure";

  public static final String MESSAGE = "操作冲突：该事项刚被其他人或其他请求修改，本次操作未生效。请刷新后重试";

  /** The late loser of the same race: the task was completed (and is gone) before this request came. */
  public static final String TASK_GONE_MESSAGE = "该任务不存在或已被办理（可能刚被其他人或其他请求完成），本次操作未生效。请刷新任务列表";

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      if (isConflict(e) && fromEngineRest()) {
        LOG.warn("Conflict answered 409: {}", e.toString(), e);
        throw new WebApplicationException(Response.status(Response.Status.CONFLICT)
            .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
            .entity(Map.of("type", "Conflict", "message", MESSAGE)).build());
      }
      if ((completesAGoneTask(command, e) || refusedBecauseTheTaskWentAway(command, e)) && fromEngineRest()) {
        LOG.info("Completing a task that is gone answered 404: {}", e.getMessage());
        throw new WebApplicationException(Response.status(Response.Status.NOT_FOUND)
            .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
            .entity(Map.of("type", "NotFound", "message", TASK_GONE_MESSAGE)).build());
      }
      if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
        attributes.getRequest().setAttribute(FAILURE_ATTRIBUTE, e);
      }
      throw e;
    }
  }

  /**
   * Completing (or submitting the form of) a task that does not exist: Camunda's REST API answers
   * that with 500; for a task just completed by someone else it is a 404.
   */
  static boolean completesAGoneTask(Command<?> command, RuntimeException e) {
    return (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
        && e instanceof NullValueException && e.getMessage() != null
        && e.getMessage().startsWith("Cannot find task with id");
  }

  /**
   * The loser of two completions of the same task may find the task still there and then its
   * candidate-group links already gone (the winner committed in between), so the engine refuses
   * it for want of permission. If the task no longer exists, that is the same late loser: 404.
   */
  private boolean refusedBecauseTheTaskWentAway(Command<?> command, RuntimeException e) {
    if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
        || !(e instanceof AuthorizationException)) {
      return false;
    }
    String taskId = taskIdInRequest();
    return taskId != null
        && next.execute(context -> context.getTaskManager().findTaskById(taskId) == null);
  }

  /** The task id of an engine REST call {@code …/task/{id}/complete} or {@code …/task/{id}/submit-form}. */
  private static String taskIdInRequest() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      String[] parts = attributes.getRequest().getRequestURI().split("/");
      for (int i = 0; i + 2 < parts.length; i++) {
        if (parts[i].equals("task") && (parts[i + 2].equals("complete") || parts[i + 2].equals("submit-form"))) {
          return parts[i + 1];
        }
      }
    }
    return null;
  }

  /** Whether the failure, anywhere in its causes, is a concurrent change. */
  public static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockingException || t instanceof DuplicateKeyException
          || t instanceof PessimisticLockingFailureException || t instanceof QueryTimeoutException
          || t instanceof java.sql.SQLIntegrityConstraintViolationException
          || t instanceof java.sql.SQLTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("23") || sql.getSQLState().equals("40001")
              || sql.getSQLState().equals("HYT00") || sql.getSQLState().equals("40P01"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean fromEngineRest() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      String uri = request.getRequestURI();
      return uri != null && (uri.startsWith("/engine-rest/") || uri.startsWith("/camunda/api/"));
    }
    return false;
  }
}
