package org.ecobureau.oversight.supervision;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;

/**
 * Text written into an exported workbook stays text: a value starting with = + - @ (or a tab or
 * carriage return) gets Excel's quote prefix (the leading ' a person would type), so editing the
 * cell later does not turn it into a live formula.
 */
final class ExportText {

  private ExportText() {}

  static boolean looksLikeFormula(String value) {
    return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
  }

  /** Sets the text; a formula-like value gets a quote-prefixed copy of the cell's style. */
  static Cell set(Cell cell, String value) {
    cell.setCellValue(value == null ? "" : value);
    if (looksLikeFormula(value)) {
      CellStyle quoted = cell.getSheet().getWorkbook().createCellStyle();
      quoted.cloneStyleFrom(cell.getCellStyle());
      quoted.setQuotePrefixed(true);
      cell.setCellStyle(quoted);
    }
    return cell;
  }
}
