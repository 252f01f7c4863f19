package org.ecobureau.oversight.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an uploaded table (UTF-8 CSV or XLSX) into header → cell maps, reading what a person sees
 * in Excel: the active visible sheet (refused when that is ambiguous), the cached value of a
 * formula (refused when there is none), a merged block's value in every row of the block.
 * Problems with the file itself (encoding, not a workbook, too large) are reported, never
 * guessed around.
 *
 * <p>An XLSX is read as a stream (SAX over the sheet's XML, never a whole workbook in memory), and
 * what one upload may cost is bounded by {@link Limits}: rows, non-empty cells, bytes inflated
 * from the zip, and time. A file beyond a limit is refused at that point with one problem.
 */
public final class TableReader {

  /** One data row: its row number as the user sees it (header = 1) and cells by header. */
  public record TableRow(int rowNumber, Map<String, String> cells, Set<String> generalNumbers) {

    public TableRow(int rowNumber, Map<String, String> cells) {
      this(rowNumber, cells, Set.of());
    }

    public String get(String header) {
      String v = cells.get(header);
      return v == null ? "" : v.strip();
    }

    /**
     * Whether the cell under this header is a number in Excel's 常规 (General) format: shown
     * without trailing zeros, so "9.10" typed as a number reads (and shows) as 9.1.
     */
    public boolean isGeneralNumber(String header) {
      return header != null && generalNumbers.contains(header);
    }
  }

  /**
   * The headers and data rows; {@code headerRow} is the header's row number as the user sees it,
   * {@code sheet} the worksheet read (null for CSV).
   */
  public record Table(List<String> headers, List<TableRow> rows, int headerRow, String sheet) {
    public Table(List<String> headers, List<TableRow> rows) {
      this(headers, rows, 1, null);
    }

    /** " （工作表「名称」）" for an XLSX, so a missing column names the sheet that was read. */
    public String sheetNote() {
      return sheet == null ? "" : "（读取的是工作表「" + sheet + "」）";
    }
  }

  /**
   * What one upload may cost: file size, data rows, non-empty cells, bytes inflated from the
   * XLSX zip (all parts read together), and wall-clock time.
   */
  public record Limits(long maxBytes, int maxRows, long maxCells, long maxInflatedBytes, long maxMillis) {

    public static final int DEFAULT_ROWS = 10_000;
    public static final long DEFAULT_CELLS = 300_000;
    public static final long DEFAULT_INFLATED = 30L * 1024 * 1024;
    public static final long DEFAULT_MILLIS = 20_000;

    public static Limits of(long maxBytes) {
      return new Limits(maxBytes, DEFAULT_ROWS, DEFAULT_CELLS, DEFAULT_INFLATED, DEFAULT_MILLIS);
    }
  }

  /** An upload reached one of its {@link Limits}; reading stops there. */
  static final class LimitReached extends RuntimeException {
    LimitReached(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Pattern CSV_LINE = Pattern.compile("line: (\\d+)");

  private TableReader() {}

  public static Table read(String fileName, byte[] content, long maxBytes) {
    return read(fileName, content, Limits.of(maxBytes));
  }

  public static Table read(String fileName, byte[] content, Limits limits) {
    String name = fileName == null ? "upload" : fileName;
    if (content.length == 0) {
      throw reject(name, "文件为空");
    }
    if (content.length > limits.maxBytes()) {
      throw reject(name, "文件大小 " + content.length + " 字节，超过上限 " + limits.maxBytes() + " 字节");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".xlsx")) {
        return readXlsx(name, content, limits);
      }
      if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
        return readCsv(name, content, limits);
      }
    } catch (LimitReached e) {
      throw reject(name, e.getMessage());
    }
    throw reject(name, "不支持的文件类型，请上传 .csv（UTF-8）或 .xlsx 文件");
  }

  // ------------------------------------------------------------------ CSV

  private static Table readCsv(String name, byte[] content, Limits limits) {
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
    long deadline = System.nanoTime() + limits.maxMillis() * 1_000_000;
    List<String> headers = null;
    int headerRow = 1;
    List<TableRow> rows = new ArrayList<>();
    long cellCount = 0;
    // Lines starting with # are comments (commons-csv's own handling): skipped wherever they are,
    // and counted in the row numbers, so a row is numbered as the user sees it in the file.
    int commentLines = 0;
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setCommentMarker('#').get()
        .parse(new StringReader(text))) {
      for (CSVRecord r : parser) {
        if (r.hasComment()) {
          commentLines += r.getComment().split("\n", -1).length;
        }
        int row = (int) r.getRecordNumber() + commentLines;
        if (headers == null) {
          headers = r.stream().map(String::strip).toList();
          headerRow = row;
          continue;
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int c = 0; c < headers.size() && c < r.size(); c++) {
          cells.put(headers.get(c), r.get(c));
        }
        if (cells.values().stream().allMatch(String::isBlank)) {
          continue;
        }
        cellCount += cells.size();
        checkRows(rows.size() + 1, cellCount, limits, deadline);
        rows.add(new TableRow(row, cells));
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new ImportRejectedException(List.of(new ImportProblem(name, csvLine(e), null,
          "CSV 格式错误：引号不成对，或带引号的内容后紧跟了其他字符（单元格内的双引号应写成两个 \"\"）。"
              + "请用 Excel 另存为“CSV UTF-8”后重新导入")));
    }
    if (headers == null) {
      throw reject(name, "文件没有表头行");
    }
    return new Table(headers, rows, headerRow, null);
  }

  /** The line commons-csv names in its (English) message, if any. */
  private static Integer csvLine(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = CSV_LINE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return null;
  }

  private static void checkRows(int rows, long cells, Limits limits, long deadline) {
    if (rows > limits.maxRows()) {
      throw new LimitReached("数据超过 " + limits.maxRows() + " 行的上限，未继续读取；请拆分文件后分批导入");
    }
    if (cells > limits.maxCells()) {
      throw new LimitReached("非空单元格超过 " + limits.maxCells() + " 个的上限，未继续读取；请删除多余的行和列后重新导入");
    }
    if (System.nanoTime() > deadline) {
      throw new LimitReached("读取文件超过 " + limits.maxMillis() / 1000 + " 秒的时间上限，未继续读取");
    }
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

  // ------------------------------------------------------------------ XLSX

  private static Table readXlsx(String name, byte[] content, Limits limits) {
    Path file = null;
    try {
      file = Files.createTempFile("oversight-upload-", ".xlsx");
      Files.write(file, content);
      // opened from a file, the zip is inflated part by part as it is read, never as a whole
      try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
        Budget budget = new Budget(limits);
        XSSFReader reader = new XSSFReader(pkg);
        WorkbookInfo workbook = new WorkbookInfo();
        parse(budget.wrap(reader.getWorkbookData()), workbook);
        SheetRef sheet = chooseSheet(name, workbook);
        ReadOnlySharedStringsTable strings = null;
        InputStream sst = sharedStrings(reader);
        if (sst != null) {
          strings = new ReadOnlySharedStringsTable(budget.wrap(sst), false);
        }
        StylesTable styles = null;
        try {
          InputStream stylesData = reader.getStylesData();
          if (stylesData != null) {
            styles = new StylesTable(budget.wrap(stylesData));
          }
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException | IllegalArgumentException noStyles) {
          styles = null;
        }
        SheetHandler handler = new SheetHandler(strings, styles, budget);
        try (InputStream data = budget.wrap(reader.getSheet(sheet.relationId()))) {
          parse(data, handler);
        }
        return handler.table(name, sheet.name());
      }
    } catch (ImportRejectedException e) {
      throw e;
    } catch (Exception e) {
      LimitReached limit = limitIn(e);
      if (limit != null) {
        throw reject(name, limit.getMessage());
      }
      throw reject(name, "文件不是有效的 Excel 工作簿（.xlsx），无法读取");
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file; the OS cleans it up
        }
      }
    }
  }

  private static LimitReached limitIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LimitReached l) {
        return l;
      }
      if (t instanceof SAXException s && s.getException() instanceof LimitReached l) {
        return l;
      }
    }
    return null;
  }

  private static InputStream sharedStrings(XSSFReader reader) {
    try {
      return reader.getSharedStringsData();
    } catch (Exception e) {
      return null;   // a workbook without shared strings (inline strings only)
    }
  }

  private static void parse(InputStream in, DefaultHandler handler)
      throws IOException, SAXException, ParserConfigurationException {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    XMLReader xml = factory.newSAXParser().getXMLReader();
    xml.setContentHandler(handler);
    xml.parse(new InputSource(in));
  }

  /** Counts the bytes inflated from the zip against the limit, and the time. */
  private static final class Budget {
    private final Limits limits;
    private final long deadline;
    private long inflated;

    Budget(Limits limits) {
      this.limits = limits;
      this.deadline = System.nanoTime() + limits.maxMillis() * 1_000_000;
    }

    InputStream wrap(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = super.read(buf, off, len);
          if (n > 0) {
            count(n);
          }
          return n;
        }
      };
    }

    void count(long n) {
      inflated += n;
      if (inflated > limits.maxInflatedBytes()) {
        throw new LimitReached("工作簿解压后超过 " + limits.maxInflatedBytes() / (1024 * 1024)
            + " MB 的上限（压缩比异常或内容过多），未继续读取；请只保留要导入的表格内容后重新导入");
      }
      time();
    }

    void time() {
      if (System.nanoTime() > deadline) {
        throw new LimitReached("读取文件超过 " + limits.maxMillis() / 1000 + " 秒的时间上限，未继续读取");
      }
    }
  }

  private record SheetRef(String name, String relationId, boolean visible) {}

  /** The sheets of workbook.xml in order, with their visibility, and the active tab. */
  private static final class WorkbookInfo extends DefaultHandler {
    private static final String REL_NS =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    final List<SheetRef> sheets = new ArrayList<>();
    int activeTab = 0;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      if ("sheet".equals(localName)) {
        String state = attributes.getValue("state");
        String id = attributes.getValue(REL_NS, "id");
        sheets.add(new SheetRef(attributes.getValue("name"), id,
            state == null || "visible".equals(state)));
      } else if ("workbookView".equals(localName) && attributes.getValue("activeTab") != null) {
        try {
          activeTab = Integer.parseInt(attributes.getValue("activeTab"));
        } catch (NumberFormatException e) {
          activeTab = -1;
        }
      }
    }
  }

  /**
   * The sheet a person sees on opening the workbook: the active one when it is visible; else the
   * only visible one; anything else is ambiguous and refused.
   */
  private static SheetRef chooseSheet(String name, WorkbookInfo workbook) {
    List<SheetRef> visible = workbook.sheets.stream().filter(SheetRef::visible).toList();
    if (visible.isEmpty()) {
      throw reject(name, "工作簿没有可见的工作表");
    }
    int active = workbook.activeTab;
    if (active >= 0 && active < workbook.sheets.size() && workbook.sheets.get(active).visible()) {
      return workbook.sheets.get(active);
    }
    if (visible.size() == 1) {
      return visible.get(0);
    }
    throw reject(name, "无法确定要导入哪个工作表：当前工作表被隐藏，可见的工作表有「"
        + String.join("」「", visible.stream().map(SheetRef::name).toList())
        + "」。请只保留要导入的工作表可见，或打开它后保存再导入");
  }

  /**
   * The cells of one sheet, as Excel shows them: shared and inline strings, numbers and dates in
   * their format, a formula's cached value; merged regions are collected to be filled afterwards.
   */
  private static final class SheetHandler extends DefaultHandler {
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final Budget budget;
    private final DataFormatter formatter = new DataFormatter(Locale.CHINA);
    private final List<ImportProblem> cellProblems = new ArrayList<>();
    private final List<String> merges = new ArrayList<>();
    /** row index → column index → text (non-empty cells only). */
    private final TreeMap<Integer, TreeMap<Integer, String>> cells = new TreeMap<>();
    private final Set<Long> generalNumbers = new HashSet<>();
    private final StringBuilder text = new StringBuilder();
    private long cellCount;
    private int rowCount;
    private int nextRow;
    private int nextColumn;

    private String ref;
    private String type;
    private String style;
    private boolean formula;
    private boolean value;
    private boolean inValue;
    private boolean inInline;
    private boolean inPhonetic;

    SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, Budget budget) {
      this.strings = strings;
      this.styles = styles;
      this.budget = budget;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes a) {
      switch (localName) {
        case "row" -> {
          String r = a.getValue("r");
          nextRow = r == null ? nextRow + 1 : Integer.parseInt(r);
          nextColumn = 0;
          rowCount++;
          if (rowCount > budget.limits.maxRows() + 50) {   // some header and comment rows allowed
            throw new LimitReached("工作表超过 " + budget.limits.maxRows() + " 行的上限，未继续读取；请拆分文件后分批导入");
          }
          budget.time();
        }
        case "c" -> {
          ref = a.getValue("r");
          type = a.getValue("t");
          style = a.getValue("s");
          formula = false;
          value = false;
          text.setLength(0);
        }
        case "f" -> formula = true;
        case "v" -> {
          inValue = true;
          value = true;
          text.setLength(0);
        }
        case "is" -> {
          inInline = true;
          value = true;
          text.setLength(0);
        }
        case "rPh" -> inPhonetic = true;
        case "mergeCell" -> merges.add(a.getValue("ref"));
        default -> { }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if ((inValue || inInline) && !inPhonetic) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      switch (localName) {
        case "v" -> inValue = false;
        case "is" -> inInline = false;
        case "rPh" -> inPhonetic = false;
        case "c" -> endCell();
        default -> { }
      }
    }

    private void endCell() {
      CellAddress address = ref == null ? new CellAddress(nextRow - 1, nextColumn) : new CellAddress(ref);
      nextColumn = address.getColumn() + 1;
      int row = address.getRow();
      int column = address.getColumn();
      if (formula && !value) {
        cellProblems.add(new ImportProblem(null, row + 1, null, "单元格 " + address.formatAsString()
            + " 是公式，但文件中没有它的计算结果（可能由其他程序生成）。请在 Excel 中打开并保存，或把公式改为值后重新导入"));
        return;
      }
      if (!value) {
        return;
      }
      String raw = text.toString();
      String shown;
      if ("s".equals(type)) {
        shown = strings == null ? "" : strings.getItemAt(Integer.parseInt(raw.strip())).getString();
      } else if ("inlineStr".equals(type) || "str".equals(type) || "d".equals(type)) {
        shown = raw;
      } else if ("b".equals(type)) {
        shown = "1".equals(raw.strip()) ? "TRUE" : "FALSE";
      } else if ("e".equals(type)) {
        cellProblems.add(new ImportProblem(null, row + 1, null, "单元格 " + address.formatAsString()
            + " 显示错误值 " + raw + "（" + (formula ? "公式计算出错" : "错误值") + "），请改正后重新导入"));
        return;
      } else {
        shown = number(raw, row, column);
      }
      if (shown == null || shown.isBlank()) {
        return;
      }
      cellCount++;
      if (cellCount > budget.limits.maxCells()) {
        throw new LimitReached("非空单元格超过 " + budget.limits.maxCells() + " 个的上限，未继续读取；请删除多余的行和列后重新导入");
      }
      cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, shown);
    }

    /** A number as Excel shows it: a date as yyyy-MM-dd, otherwise in the cell's format. */
    private String number(String raw, int row, int column) {
      double d;
      try {
        d = Double.parseDouble(raw.strip());
      } catch (NumberFormatException e) {
        return raw;
      }
      int formatIndex = 0;
      String format = BuiltinFormats.getBuiltinFormat(0);
      if (style != null && styles != null) {
        try {
          XSSFCellStyle s = styles.getStyleAt(Integer.parseInt(style));
          if (s != null) {
            formatIndex = s.getDataFormat();
            format = s.getDataFormatString();
            if (format == null) {
              format = BuiltinFormats.getBuiltinFormat(formatIndex);
            }
          }
        } catch (RuntimeException e) {
          formatIndex = 0;
        }
      }
      if (DateUtil.isADateFormat(formatIndex, format) && DateUtil.isValidExcelDate(d)) {
        return DateUtil.getLocalDateTime(d).toLocalDate().toString();
      }
      if (format == null || formatIndex == 0 || "General".equalsIgnoreCase(format)) {
        generalNumbers.add(((long) row << 20) | column);
      }
      return formatter.formatRawCellContents(d, formatIndex, format == null ? "General" : format);
    }

    /** Fills merged regions, finds the header and builds the table. */
    Table table(String fileName, String sheetName) {
      if (!cellProblems.isEmpty()) {
        throw new ImportRejectedException(cellProblems.stream()
            .map(p -> new ImportProblem(fileName, p.row(), p.column(), p.reason())).toList());
      }
      // the header: the first non-empty row whose first cell does not start with # (comment rows)
      Integer headerIndex = null;
      for (var e : cells.entrySet()) {
        String first = e.getValue().firstEntry().getValue().strip();
        if (!first.startsWith("#")) {
          headerIndex = e.getKey();
          break;
        }
      }
      if (headerIndex == null) {
        throw reject(fileName, "工作表「" + sheetName + "」为空，没有表头行");
      }
      fillMerged(fileName, sheetName, headerIndex);
      TreeMap<Integer, String> headerCells = cells.get(headerIndex);
      int width = headerCells.lastKey() + 1;
      List<String> headers = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        headers.add(headerCells.getOrDefault(c, "").strip());
      }
      List<TableRow> rows = new ArrayList<>();
      for (var e : cells.tailMap(headerIndex, false).entrySet()) {
        Map<String, String> rowCells = new LinkedHashMap<>();
        Set<String> numbers = new HashSet<>();
        for (int c = 0; c < width; c++) {
          rowCells.put(headers.get(c), e.getValue().getOrDefault(c, ""));
          if (generalNumbers.contains(((long) e.getKey() << 20) | c)) {
            numbers.add(headers.get(c));
          }
        }
        if (rowCells.values().stream().allMatch(String::isBlank)) {
          continue;
        }
        if (rows.size() >= budget.limits.maxRows()) {
          throw new LimitReached("数据超过 " + budget.limits.maxRows() + " 行的上限，未继续读取；请拆分文件后分批导入");
        }
        rows.add(new TableRow(e.getKey() + 1, rowCells, Set.copyOf(numbers)));
      }
      return new Table(headers, rows, headerIndex + 1, sheetName);
    }

    /**
     * A merged block shows its top-left value over all its rows, as official tables lay out
     * 章 and 节: that value fills the block's rows in its column. A block spanning several columns
     * at or below the header cannot be given to one column and is refused, named.
     */
    private void fillMerged(String fileName, String sheetName, int headerIndex) {
      List<ImportProblem> problems = new ArrayList<>();
      Map<Integer, String> headerCells = new HashMap<>(cells.get(headerIndex));
      for (String m : merges) {
        CellRangeAddress region;
        try {
          region = CellRangeAddress.valueOf(m);
        } catch (RuntimeException e) {
          continue;
        }
        if (region.getLastRow() < headerIndex) {
          continue;   // a title above the header
        }
        if (region.getFirstColumn() != region.getLastColumn()) {
          problems.add(new ImportProblem(fileName, region.getFirstRow() + 1,
              headerCells.get(region.getFirstColumn()), "合并单元格 " + region.formatAsString()
                  + " 跨越多列，无法确定它属于哪一列；请取消合并（每列各自填写）后重新导入"));
          continue;
        }
        if (region.getFirstRow() <= headerIndex) {
          problems.add(new ImportProblem(fileName, region.getFirstRow() + 1,
              headerCells.get(region.getFirstColumn()), "合并单元格 " + region.formatAsString()
                  + " 跨越表头行，请取消合并后重新导入"));
          continue;
        }
        int column = region.getFirstColumn();
        TreeMap<Integer, String> top = cells.get(region.getFirstRow());
        String v = top == null ? null : top.get(column);
        if (v == null) {
          continue;
        }
        // only rows with content of their own: a block reaching past the table adds no rows
        for (var row : cells.subMap(region.getFirstRow(), false, region.getLastRow(), true).values()) {
          row.putIfAbsent(column, v);
        }
      }
      if (!problems.isEmpty()) {
        throw new ImportRejectedException(problems);
      }
    }
  }

  private static ImportRejectedException reject(String name, String reason) {
    return new ImportRejectedException(List.of(ImportProblem.ofFile(name, reason)));
  }

  /**
   * A code such as 9.10 typed into a number cell shows (and is stored) as 9.1: what was meant
   * cannot be told, so the cell is refused rather than read as another task's code.
   */
  public static String numericCode(String shown) {
    return "「" + shown + "」是数字格式的单元格，Excel 会去掉末尾的 0（如 9.10 显示为 9.1），无法确定原来的编号；"
        + "请把该列设为“文本”格式并重新输入编号后导入";
  }
}
