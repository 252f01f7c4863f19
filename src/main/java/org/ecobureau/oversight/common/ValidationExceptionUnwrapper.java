package org.ecobureau.oversight.common;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine wraps exceptions thrown by task listeners into a generic ProcessEngineException,
 * which the REST API answers with HTTP 500. This outermost interceptor re-throws the
 * {@link FieldValidationException} underneath (after the transaction has rolled back), so a
 * refused form is a 400 naming the field, and Java callers catch the precise type.
 */
public class ValidationExceptionUnwrapper extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (ProcessEngineException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof FieldValidationException validation) {
          throw validation;
        }
      }
      throw e;
    }
  }
}
