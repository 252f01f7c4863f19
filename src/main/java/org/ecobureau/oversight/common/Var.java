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

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }
}
