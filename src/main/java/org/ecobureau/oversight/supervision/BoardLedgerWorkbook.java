package org.ecobureau.oversight.supervision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The board's item list as an Excel ledger (督办台账): one row per open item, as the board lists them. */
public final class BoardLedgerWorkbook {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  static final String[] HEADERS = {"序号", "类别", "编号", "任务/问题", "县区（单位）", "牵头单位", "当前待办", "办理时限",
      "逾期工作日", "预警等级", "状态", "完成时限", "事项编号", "督办事由", "目标指标", "完成值"};

  private BoardLedgerWorkbook() {}

  public static byte[] toBytes(String title, List<BoardService.Item> items) {
    // streaming: a ledger of 100,000 rows keeps only a window of rows in memory
    try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("督办台账");
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle head = wb.createCellStyle();
      head.setFont(bold);
      Row t = sheet.createRow(0);
      Cell tc = t.createCell(0);
      tc.setCellValue(title);
      tc.setCellStyle(head);
      Row h = sheet.createRow(1);
      for (int i = 0; i < HEADERS.length; i++) {
        Cell c = h.createCell(i);
        c.setCellValue(HEADERS[i]);
        c.setCellStyle(head);
      }
      int r = 2;
      for (BoardService.Item item : items) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(r - 1);
        ExportText.set(row.createCell(1), item.kindName());
        ExportText.set(row.createCell(2), item.code());
        ExportText.set(row.createCell(3), item.title());
        ExportText.set(row.createCell(4), item.countyName());
        ExportText.set(row.createCell(5), nz(item.leadNames()));
        ExportText.set(row.createCell(6), nz(item.openTask()));
        row.createCell(7).setCellValue(item.dueDate() == null ? "" : org.ecobureau.oversight.escalation.EscalationNotices.DAY.format(item.dueDate()));
        row.createCell(8).setCellValue(item.daysOverdue());
        ExportText.set(row.createCell(9), item.levelName());
        ExportText.set(row.createCell(10), item.status());
        row.createCell(11).setCellValue(item.deadline() == null ? "长期坚持" : org.ecobureau.oversight.escalation.EscalationNotices.DAY.format(item.deadline()));
        ExportText.set(row.createCell(12), item.businessKey());
        ExportText.set(row.createCell(13), nz(item.reason()));
        ExportText.set(row.createCell(14), nz(item.target()));
        ExportText.set(row.createCell(15), nz(item.achieved()));
        r++;
      }
      sheet.createFreezePane(0, 2);
      int[] widths = {6, 12, 12, 40, 10, 24, 16, 12, 10, 10, 10, 12, 26, 12, 24, 24};
      for (int i = 0; i < widths.length; i++) {
        sheet.setColumnWidth(i, widths[i] * 256 * 2);
      }
      wb.write(out);
      wb.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the supervision ledger", e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
