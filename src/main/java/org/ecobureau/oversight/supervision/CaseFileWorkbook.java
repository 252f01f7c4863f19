package org.ecobureau.oversight.supervision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.supervision.CaseFile.Entry;

/**
 * A case file as an Excel workbook: sheet 一案一档 with a title row, the item's header block and
 * one row per step (序号, 时间, 环节, 办理人, 办理结果, 意见, 佐证材料, 填报内容).
 */
public final class CaseFileWorkbook {

  public static final String SHEET = "一案一档";
  public static final List<String> COLUMNS = List.of("序号", "时间", "环节", "办理人", "办理结果", "意见", "佐证材料", "填报内容");
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** Beijing time to the minute. */
  public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingDayCalendar.ZONE);

  /** Column widths in characters (a Chinese character counts about two). */
  private static final int[] WIDTHS = {6, 18, 16, 22, 10, 40, 28, 48};

  private CaseFileWorkbook() {}

  public static byte[] toBytes(CaseFile file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(file, out);
    return out.toByteArray();
  }

  public static void write(CaseFile file, OutputStream out) {
    try (Workbook wb = new XSSFWorkbook()) {
      Styles styles = new Styles(wb);
      Sheet sheet = wb.createSheet(SHEET);
      for (int c = 0; c < WIDTHS.length; c++) {
        sheet.setColumnWidth(c, WIDTHS[c] * 256);
      }
      int last = COLUMNS.size() - 1;
      int r = 0;

      Row title = sheet.createRow(r);
      title.setHeightInPoints(28);
      cell(title, 0, "一案一档：" + file.businessKey() + (file.title() == null ? "" : " " + file.title()), styles.title);
      sheet.addMergedRegion(new CellRangeAddress(r, r, 0, last));
      r++;

      boolean rectification = file.businessKey() != null && file.businessKey().startsWith("RI-");
      r = headerLine(sheet, r, styles, "业务编号", file.businessKey());
      r = headerLine(sheet, r, styles, "流程", file.processName());
      r = headerLine(sheet, r, styles, rectification ? "问题编号" : "任务编号", file.code());
      r = headerLine(sheet, r, styles, rectification ? "问题" : "重点任务", file.title());
      r = headerLine(sheet, r, styles, "县区", file.countyName());
      r = headerLine(sheet, r, styles, "状态", file.state());
      r = headerLine(sheet, r, styles, "开始时间", format(file.startTime()));
      r = headerLine(sheet, r, styles, "结束时间", format(file.endTime()));
      r++;

      Row header = sheet.createRow(r);
      for (int c = 0; c < COLUMNS.size(); c++) {
        cell(header, c, COLUMNS.get(c), styles.columnHeader);
      }
      sheet.createFreezePane(0, r + 1);
      r++;

      int n = 1;
      for (Entry e : file.entries()) {
        Row row = sheet.createRow(r++);
        cell(row, 0, null, styles.body).setCellValue(n++);
        cell(row, 1, format(e.time()), styles.body);
        cell(row, 2, e.step(), styles.body);
        cell(row, 3, who(e), styles.body);
        cell(row, 4, e.decision(), styles.body);
        cell(row, 5, e.comment(), styles.body);
        cell(row, 6, String.join("\n", e.evidence()), styles.body);
        cell(row, 7, fields(e.fields()), styles.body);
      }
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 办理人 as shown: display name with the user id, e.g. 安定区联络员（anding）. */
  public static String who(Entry e) {
    if (e.userId() == null) {
      return "";
    }
    if (e.userName() == null || e.userName().equals(e.userId())) {
      return e.userId();
    }
    return e.userName() + "（" + e.userId() + "）";
  }

  private static String fields(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(k).append('：').append(v);
    });
    return sb.toString();
  }

  private static String format(OffsetDateTime t) {
    return t == null ? "" : TIME.format(t);
  }

  private static int headerLine(Sheet sheet, int r, Styles styles, String label, String value) {
    Row row = sheet.createRow(r);
    cell(row, 0, label, styles.label);
    sheet.addMergedRegion(new CellRangeAddress(r, r, 0, 1));
    cell(row, 2, value, styles.value);
    sheet.addMergedRegion(new CellRangeAddress(r, r, 2, COLUMNS.size() - 1));
    return r + 1;
  }

  private static Cell cell(Row row, int column, String value, CellStyle style) {
    Cell c = row.createCell(column);
    c.setCellStyle(style);
    return ExportText.set(c, value);
  }

  private static final class Styles {
    final CellStyle title;
    final CellStyle label;
    final CellStyle value;
    final CellStyle columnHeader;
    final CellStyle body;

    Styles(Workbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);

      title = wb.createCellStyle();
      title.setFont(big);
      title.setVerticalAlignment(VerticalAlignment.CENTER);

      label = wb.createCellStyle();
      label.setFont(bold);
      label.setVerticalAlignment(VerticalAlignment.TOP);

      value = wb.createCellStyle();
      value.setWrapText(true);
      value.setVerticalAlignment(VerticalAlignment.TOP);

      columnHeader = wb.createCellStyle();
      columnHeader.setFont(bold);
      columnHeader.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      columnHeader.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      columnHeader.setWrapText(true);
      borders(columnHeader);

      body = wb.createCellStyle();
      body.setWrapText(true);
      body.setVerticalAlignment(VerticalAlignment.TOP);
      borders(body);
    }

    private static void borders(CellStyle s) {
      s.setBorderTop(BorderStyle.THIN);
      s.setBorderBottom(BorderStyle.THIN);
      s.setBorderLeft(BorderStyle.THIN);
      s.setBorderRight(BorderStyle.THIN);
    }
  }
}
