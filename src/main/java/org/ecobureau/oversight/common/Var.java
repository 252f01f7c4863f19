package org.ecobureau.oversight.common;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable declared once with its name, type and — for what people fill in or read —
 * its Chinese label, so delegates never cast strings by hand and guards, the case file and the
 * forms name a field the same way (a test holds the forms' labels to these).
 */
public record Var<T>(String name, Class<T> type, String label) {

  /** A variable people never see by name (ids, groups, flags). */
  public static <T> Var<T> of(String name, Class<T> type) {
    return new Var<>(name, type, null);
  }

  /** A variable with the label people read it by, e.g. {@code Var.of("planMeasures", String.class, "整改措施")}. */
  public static <T> Var<T> of(String name, Class<T> type, String label) {
    return new Var<>(name, type, label);
  }

  /** The label people read, or the name when it has none. */
  public String shownAs() {
    return label == null ? name : label;
  }

  /** The value, or a validation error naming the field by its own label. */
  public T require(VariableScope scope) {
    return require(scope, shownAs());
  }

  /**
   * The labelled variables declared as static fields of these holder classes (e.g. a process's
   * {@code Vars}), name to label, in declaration order.
   */
  public static java.util.Map<String, String> labels(Class<?>... holders) {
    java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
    for (Class<?> holder : holders) {
      for (java.lang.reflect.Field f : holder.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && Var.class.equals(f.getType())) {
          try {
            Var<?> v = (Var<?>) f.get(null);
            if (v.label() != null) {
              labels.putIfAbsent(v.name(), v.label());
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return labels;
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
