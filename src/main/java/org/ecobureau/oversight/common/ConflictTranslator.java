package org.ecobureau.oversight.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
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

  public static final String MESSAGE = "操作冲突：该事项刚被其他人或其他请求修改，本次操作未生效。请刷新后重试";

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
      throw e;
    }
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
