package org.ecobureau.oversight.common;

import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A submitted form field is missing or invalid. The engine's REST API answers it with HTTP 400
 * (see {@link ValidationExceptionUnwrapper}); the message names the field in Chinese and by id.
 */
public class FieldValidationException extends FormFieldValidationException {

  private final String field;

  public FieldValidationException(String field, String label, String reason) {
    super(Map.of("field", field, "reason", reason),
        "字段「" + label + "」(" + field + ")：" + reason);
    this.field = field;
  }

  public static FieldValidationException missing(String field, String label) {
    return new FieldValidationException(field, label, "为必填项");
  }

  public String getField() {
    return field;
  }
}
