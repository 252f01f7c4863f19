package org.ecobureau.oversight.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Values that look like formulas are exported so that they stay text when edited in Excel. */
class ExportTextTest {

  @Test
  void formulaLikeTitlesInTheLedgerAreQuotePrefixedText() throws Exception {
    BoardService.Item item = sampleItem("=HYPERLINK(\"http://x\",\"点我\")");
    byte[] bytes = BoardLedgerWorkbook.toBytes("督办台账", List.of(item));

    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      var cell = wb.getSheetAt(0).getRow(2).getCell(3);
      assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
      assertThat(cell.getStringCellValue()).startsWith("=HYPERLINK");
      assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(wb.getSheetAt(0).getRow(2).getCell(4).getCellStyle().getQuotePrefixed()).isFalse();
    }
  }

  @Test
  void everyLeadingFormulaCharacterIsCaught() {
    for (String v : List.of("=1+1", "+1", "-1", "@SUM(A1)")) {
      assertThat(ExportText.looksLikeFormula(v)).as(v).isTrue();
    }
    assertThat(ExportText.looksLikeFormula("推进治理")).isFalse();
    assertThat(ExportText.looksLikeFormula("")).isFalse();
  }

  private static BoardService.Item sampleItem(String title) {
    return new BoardService.Item("KT-1.1.1:anding", "KT", "重点任务", "1.1.1", title, "anding", "安定区",
        "市生态环境局", "进展报送（2026年10月）", LocalDate.of(2026, 11, 5), 0, "none", "正常", "按期推进",
        LocalDate.of(2026, 12, 31), "pi-1", null, null, null);
  }
}
