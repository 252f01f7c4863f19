package org.ecobureau.oversight.catalogue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an uploaded table (UTF-8 CSV or XLSX, first sheet) into header → cell maps. Problems with
 * the file itself (encoding, not a workbook, too large) are reported, never guessed around.
 */
public final class TableReader {

  /** One data row: its row number as the user sees it (header = 1) and cells by header. */
  public record TableRow(int rowNumber, Map<String, String> cells) {
    public String get(String header) {
      String v = cells.get(header);
      return v == null ? "" : v.strip();
    }
  }

  public record Table(List<String> headers, List<TableRow> rows) {}

  private TableReader() {}

  public static Table read(String fileName, byte[] content, long maxBytes) {
    String name = fileName == null ? "upload" : fileName;
    if (content.length == 0) {
      throw reject(name, "文件为空");
    }
    if (content.length > maxBytes) {
      throw reject(name, "文件大小 " + content.length + " 字节，超过上限 " + maxBytes + " 字节");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".xlsx")) {
      return readXlsx(name, content);
    }
    if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
      return readCsv(name, content);
    }
    throw reject(name, "不支持的文件类型，请上传 .csv（UTF-8）或 .xlsx 文件");
  }

  private static Table readCsv(String name, byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      int line = lineOfFirstBadByte(content);
      throw new ImportRejectedException(List.of(new ImportProblem(name, line, null,
          "文件不是 UTF-8 编码（可能是 GBK）。请在 Excel 中“另存为 CSV UTF-8”后重新导入")));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.indexOf('\u0000') >= 0) {
      throw reject(name, "文件含有二进制内容，不是文本 CSV");
    }
    List<CSVRecord> records;
    try {
      records = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get()
          .parse(new StringReader(text)).getRecords();
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw reject(name, "CSV 格式错误：" + e.getMessage());
    }
    if (records.isEmpty()) {
      throw reject(name, "文件没有表头行");
    }
    List<String> headers = records.get(0).stream().map(String::strip).toList();
    List<TableRow> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord r = records.get(i);
      Map<String, String> cells = new LinkedHashMap<>();
      for (int c = 0; c < headers.size() && c < r.size(); c++) {
        cells.put(headers.get(c), r.get(c));
      }
      if (cells.values().stream().allMatch(String::isBlank)) {
        continue;
      }
      rows.add(new TableRow((int) r.getRecordNumber(), cells));
    }
    return new Table(headers, rows);
  }

  private static int lineOfFirstBadByte(byte[] content) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    int line = 1;
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        try {
          decoder.reset().decode(ByteBuffer.wrap(content, start, i - start));
        } catch (CharacterCodingException e) {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return 1;
  }

  private static Table readXlsx(String name, byte[] content) {
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      if (wb.getNumberOfSheets() == 0) {
        throw reject(name, "工作簿没有工作表");
      }
      Sheet sheet = wb.getSheetAt(0);
      DataFormatter fmt = new DataFormatter(Locale.CHINA);
      Row headerRow = null;
      int first = sheet.getFirstRowNum();
      for (int r = first; r <= sheet.getLastRowNum() && headerRow == null; r++) {
        Row row = sheet.getRow(r);
        if (row != null && row.getPhysicalNumberOfCells() > 0) {
          headerRow = row;
        }
      }
      if (headerRow == null) {
        throw reject(name, "工作表为空，没有表头行");
      }
      List<String> headers = new ArrayList<>();
      for (int c = 0; c < headerRow.getLastCellNum(); c++) {
        Cell cell = headerRow.getCell(c);
        headers.add(cell == null ? "" : fmt.formatCellValue(cell).strip());
      }
      List<TableRow> rows = new ArrayList<>();
      for (int r = headerRow.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int c = 0; c < headers.size(); c++) {
          cells.put(headers.get(c), cellText(row.getCell(c), fmt));
        }
        if (cells.values().stream().allMatch(String::isBlank)) {
          continue;
        }
        rows.add(new TableRow(r + 1, cells));
      }
      return new Table(headers, rows);
    } catch (ImportRejectedException e) {
      throw e;
    } catch (Exception e) {
      throw reject(name, "文件不是有效的 Excel 工作簿（.xlsx）：" + e.getClass().getSimpleName());
    }
  }

  private static String cellText(Cell cell, DataFormatter fmt) {
    if (cell == null) {
      return "";
    }
    if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      LocalDate d = cell.getDateCellValue().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
      return d.toString();
    }
    return fmt.formatCellValue(cell);
  }

  private static ImportRejectedException reject(String name, String reason) {
    return new ImportRejectedException(List.of(ImportProblem.ofFile(name, reason)));
  }
}
