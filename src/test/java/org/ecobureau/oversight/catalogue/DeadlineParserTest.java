package org.ecobureau.oversight.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeadlineParserTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "2022年底前, 2022-12-31",
      "2022年6月底前, 2022-06-30",
      "2024年2月底前, 2024-02-29",
      "到2025年, 2025-12-31",
      "2025年底前, 2025-12-31",
      "到2025年底前, 2025-12-31",
      "2023年3月15日前, 2023-03-15",
      "2025-12-31, 2025-12-31",
      "2025/6/30, 2025-06-30",
      "' 2022年底前 ', 2022-12-31",
  })
  void parsesDatedDeadlines(String text, LocalDate expected) {
    var deadline = DeadlineParser.parse(text);
    assertThat(deadline).isPresent();
    assertThat(deadline.get().standing()).isFalse();
    assertThat(deadline.get().date()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "「{0}」 is standing")
  @NullAndEmptySource
  @ValueSource(strings = {"长期坚持", "持续推进", "  ", " 长期坚持 "})
  void standingDeadlines(String text) {
    var deadline = DeadlineParser.parse(text);
    assertThat(deadline).isPresent();
    assertThat(deadline.get().standing()).isTrue();
    assertThat(deadline.get().date()).isNull();
  }

  @ParameterizedTest(name = "「{0}」 is not a deadline")
  @ValueSource(strings = {"明年", "2022年13月底前", "2022年2月30日前", "2025-13-01", "尽快", "2022年底前完成一半"})
  void garbageIsEmpty(String text) {
    assertThat(DeadlineParser.parse(text)).isEmpty();
  }

  @Test
  void monthEndRespectsMonthLength() {
    assertThat(DeadlineParser.parse("2023年2月底前").orElseThrow().date()).isEqualTo(LocalDate.of(2023, 2, 28));
    assertThat(DeadlineParser.parse("2022年11月底前").orElseThrow().date()).isEqualTo(LocalDate.of(2022, 11, 30));
  }
}
