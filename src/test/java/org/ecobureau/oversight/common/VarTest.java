package org.ecobureau.oversight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/** {@link Var} against a stand-in variable scope: no Spring, no engine. */
class VarTest {

  private static final Var<String> COUNTY = Var.of("county", String.class);
  private static final Var<Number> PROGRESS = Var.of("progress", Number.class);

  private final VariableScope scope = mock(VariableScope.class);

  @Test
  void getsAndFindsTheTypedValue() {
    when(scope.getVariable("county")).thenReturn("anding");
    when(scope.getVariable("progress")).thenReturn(30L);
    assertThat(COUNTY.get(scope)).isEqualTo("anding");
    assertThat(COUNTY.find(scope)).contains("anding");
    assertThat(PROGRESS.get(scope)).isEqualTo(30L);
  }

  @Test
  void anAbsentValueIsNullOrEmpty() {
    assertThat(COUNTY.get(scope)).isNull();
    assertThat(COUNTY.find(scope)).isEmpty();
  }

  @Test
  void aValueOfTheWrongTypeIsNotSilentlyCast() {
    when(scope.getVariable("county")).thenReturn(42);
    assertThatThrownBy(() -> COUNTY.get(scope)).isInstanceOf(ClassCastException.class);
  }

  @Test
  void requireNamesTheFieldWhenMissingBlankOrMistyped() {
    assertThatThrownBy(() -> COUNTY.require(scope, "责任县区")).isInstanceOf(FieldValidationException.class)
        .hasMessage("字段「责任县区」(county)：为必填项")
        .satisfies(e -> assertThat(((FieldValidationException) e).getField()).isEqualTo("county"));
    when(scope.getVariable("county")).thenReturn("  ");
    assertThatThrownBy(() -> COUNTY.require(scope, "责任县区")).hasMessage("字段「责任县区」(county)：为必填项");
    when(scope.getVariable("county")).thenReturn(42);
    assertThatThrownBy(() -> COUNTY.require(scope, "责任县区")).hasMessage("字段「责任县区」(county)：类型应为 String");
    when(scope.getVariable("county")).thenReturn("tongwei");
    assertThat(COUNTY.require(scope, "责任县区")).isEqualTo("tongwei");
  }

  @Test
  void setsGlobalAndLocalValuesByName() {
    COUNTY.set(scope, "longxi");
    COUNTY.setLocal(scope, "lintao");
    verify(scope).setVariable("county", "longxi");
    verify(scope).setVariableLocal("county", "lintao");
  }
}
