package org.ecobureau.oversight.common;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable declared once with its name and type, so delegates never cast strings
 * by hand.
 */
public record Var<T>(String name, Class<T> type) {

  public static <T> Var<T> of(String name, Class<T> type) {
    return new Var<>(name, type);
  }

  public T get(VariableScope scope) {
    Object value = scope.getVariable(name);
    return value == null ? null : type.cast(value);
  }

  public Optional<T> find(VariableScope scope) {
    return Optional.ofNullable(get(scope));
  }

  /** The value, or a validation error naming the field when it is missing or blank. */
  public T require(VariableScope scope, String label) {
    Object value = scope.getVariable(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw FieldValidationException.missing(name, label);
    }
    if (!type.isInstance(value)) {
      throw new FieldValidationException(name, label, "类型应为 " + type.getSimpleName());
    }
    return type.cast(value);
  }

  /**
   * The value, required as by {@link #require}, and at most {@code maxLength} characters: the
   * column or variable that keeps it would refuse more, so the caller gets a 400 naming the field
   * and the limit before the database sees it.
   */
  public T requireText(VariableScope scope, String label, int maxLength) {
    T value = require(scope, label);
    checkLength(name, label, value, maxLength);
    return value;
  }

  /** The value if any (null when absent), at most {@code maxLength} characters. */
  public T text(VariableScope scope, String label, int maxLength) {
    Object value = scope.getVariable(name);
    if (value != null && !type.isInstance(value)) {
      throw new FieldValidationException(name, label, "类型应为 " + type.getSimpleName());
    }
    checkLength(name, label, value, maxLength);
    return value == null ? null : type.cast(value);
  }

  /** Refuses a text longer than {@code maxLength} characters, naming the field and the limit. */
  public static void checkLength(String field, String label, Object value, int maxLength) {
    if (value instanceof String s && s.length() > maxLength) {
      throw new FieldValidationException(field, label,
          "内容过长（" + s.length() + " 字），最多 " + maxLength + " 字");
    }
  }

  /** What Camunda keeps of a String variable (ACT_RU_VARIABLE.TEXT_). */
  public static final int MAX_VARIABLE_TEXT = 4000;

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }
}
