package org.ecobureau.oversight.rectification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecobureau.oversight.calendar.DateParser;
import org.ecobureau.oversight.catalogue.DeadlineParser;
import org.ecobureau.oversight.importing.ImportProblem;
import org.ecobureau.oversight.importing.ImportRejectedException;
import org.ecobureau.oversight.importing.TableReader;
import org.ecobureau.oversight.importing.TableReader.Table;
import org.ecobureau.oversight.importing.TableReader.TableRow;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Turns a rectification ledger (整改台账, UTF-8 CSV or XLSX) into {@link RectificationItem}s, or
 * the complete list of what is wrong with it. A row naming several counties in 责任县区 becomes
 * one item per county. Comment lines starting with {@code #} above the header (as in the demo
 * ledger) are skipped; row numbers in errors still count them, as the file shows them.
 */
@Component
public class LedgerParser {

  static final String[] SOURCE = {"来源", "督察来源"};
  static final String[] ROUND = {"轮次", "督察轮次"};
  static final String[] FEEDBACK_DATE = {"反馈日期"};
  static final String[] PROBLEM_NO = {"问题编号", "序号"};
  static final String[] PROBLEM = {"问题描述", "问题"};
  static final String[] COUNTY = {"责任县区"};
  static final String[] RESPONSIBLE_UNIT = {"责任单位"};
  static final String[] LEAD = {"牵头单位", "牵头部门"};
  static final String[] ACCEPTANCE = {"验收单位"};
  static final String[] LEADER = {"责任领导", "责任人"};
  static final String[] DEADLINE = {"整改时限", "完成时限"};
  static final String[] LONG_TERM = {"长期坚持", "是否长期坚持"};
  static final String[] MEASURES = {"整改措施"};

  private static final List<String[]> REQUIRED = List.of(SOURCE, ROUND, FEEDBACK_DATE, PROBLEM_NO,
      PROBLEM, COUNTY, RESPONSIBLE_UNIT, LEAD, ACCEPTANCE, LEADER, DEADLINE);
  private static final List<String[]> OPTIONAL = List.of(LONG_TERM, MEASURES);

  private static final Pattern PROBLEM_NO_PATTERN = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-_]{0,31}");

  /** Other ways ledgers name the four sources. */
  private static final Map<String, String> SOURCE_ALIASES = Map.of(
      "中央生态环境保护督察", RectificationItem.CENTRAL,
      "中央环保督察", RectificationItem.CENTRAL,
      "省级督察", RectificationItem.PROVINCIAL,
      "省生态环境保护督察", RectificationItem.PROVINCIAL,
      "省级生态环境保护督察", RectificationItem.PROVINCIAL,
      "督察回头看", RectificationItem.LOOK_BACK,
      "中央督察回头看", RectificationItem.LOOK_BACK,
      "专项", RectificationItem.SPECIAL);
  private static final Set<String> YES = Set.of("是", "y", "yes", "true");
  private static final Set<String> NO = Set.of("", "否", "n", "no", "false");

  /** Longest text the table keeps, by column. */
  private static final Map<String[], Integer> MAX_LENGTH = Map.of(
      ROUND, 100, PROBLEM, 4000, RESPONSIBLE_UNIT, 200, LEADER, 100, MEASURES, 4000);

  private final OrgDirectory org;

  public LedgerParser(OrgDirectory org) {
    this.org = org;
  }

  /**
   * Reads and parses an uploaded ledger. Comment lines ({@code #…}) at the top of a CSV, or
   * comment rows above the header of the sheet, are skipped.
   */
  public List<RectificationItem> parse(String fileName, byte[] content, long maxBytes) {
    return parse(fileName, content, TableReader.Limits.of(maxBytes));
  }

  public List<RectificationItem> parse(String fileName, byte[] content, TableReader.Limits limits) {
    String name = fileName == null ? "upload" : fileName;
    // TableReader skips comment rows (# …) of a CSV or above the header of a sheet; rows keep
    // the numbers the user sees
    Table table = TableReader.read(name, content, limits);
    return parse(name, table, table.headerRow());
  }

  /** Parses a table whose header is row 1. */
  public List<RectificationItem> parse(String fileName, Table table) {
    return parse(fileName, table, 1);
  }

  private List<RectificationItem> parse(String fileName, Table table, int headerRow) {
    List<ImportProblem> problems = new ArrayList<>();
    Map<String[], String> columns = new HashMap<>();
    for (String[] required : REQUIRED) {
      String h = find(table.headers(), required);
      if (h == null) {
        problems.add(new ImportProblem(fileName, headerRow, required[0],
            "缺少必需的列「" + String.join("」或「", required) + "」" + table.sheetNote()));
      }
      columns.put(required, h);
    }
    for (String[] optional : OPTIONAL) {
      columns.put(optional, find(table.headers(), optional));
    }
    if (!problems.isEmpty()) {
      throw new ImportRejectedException(problems);
    }
    String firstHeader = table.headers().isEmpty() ? null : table.headers().get(0);
    List<TableRow> rows = table.rows().stream()
        .filter(r -> firstHeader == null || !r.get(firstHeader).startsWith("#"))
        .toList();
    if (rows.isEmpty()) {
      throw new ImportRejectedException(List.of(ImportProblem.ofFile(fileName, "文件没有数据行")));
    }

    List<RectificationItem> items = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (TableRow row : rows) {
      int before = problems.size();
      Cells cells = new Cells(fileName, row, columns, problems);

      String source = null;
      String sourceText = cells.required(SOURCE);
      if (!sourceText.isEmpty()) {
        source = canonicalSource(sourceText);
        if (source == null) {
          cells.problem(SOURCE, "未知督察来源「" + sourceText + "」（应为 "
              + String.join("、", RectificationItem.SOURCE_CODES.keySet()) + " 之一）");
        }
      }
      String round = cells.required(ROUND);
      LocalDate feedbackDate = null;
      String dateText = cells.required(FEEDBACK_DATE);
      if (!dateText.isEmpty()) {
        feedbackDate = parseDate(dateText).orElse(null);
        if (feedbackDate == null) {
          cells.problem(FEEDBACK_DATE, "无法识别的反馈日期「" + dateText
              + "」（示例：2021-06-08、2021/6/8、2021年6月8日）");
        }
      }
      String problemNo = cells.required(PROBLEM_NO);
      boolean problemNoOk = false;
      if (!problemNo.isEmpty() && row.isGeneralNumber(columns.get(PROBLEM_NO)) && problemNo.contains(".")) {
        cells.problem(PROBLEM_NO, "问题编号" + TableReader.numericCode(problemNo));
      } else if (!problemNo.isEmpty()) {
        problemNoOk = PROBLEM_NO_PATTERN.matcher(problemNo).matches();
        if (!problemNoOk) {
          cells.problem(PROBLEM_NO, "问题编号「" + problemNo
              + "」只能包含数字、字母、点、横线和下划线，以数字或字母开头，最长 32 个字符");
        }
      }
      String problem = cells.required(PROBLEM);
      List<String> counties = counties(cells);
      String responsibleUnit = cells.required(RESPONSIBLE_UNIT);
      String leadUnit = unit(cells, LEAD);
      String acceptanceUnit = unit(cells, ACCEPTANCE);
      String leader = cells.required(LEADER);
      String measures = cells.get(MEASURES);
      for (String[] col : List.of(ROUND, PROBLEM, RESPONSIBLE_UNIT, LEADER, MEASURES)) {
        String v = cells.get(col);
        if (v.length() > MAX_LENGTH.get(col)) {
          cells.problem(col, "内容过长（" + v.length() + " 字，上限 " + MAX_LENGTH.get(col) + " 字）");
        }
      }

      Boolean longTerm = null;
      String longTermText = cells.get(LONG_TERM);
      String lt = longTermText.toLowerCase(Locale.ROOT);
      if (YES.contains(lt)) {
        longTerm = true;
      } else if (NO.contains(lt)) {
        longTerm = false;
      } else {
        cells.problem(LONG_TERM, "长期坚持「" + longTermText + "」应为 是 或 否");
      }
      String deadlineText = cells.get(DEADLINE);
      var deadline = DeadlineParser.parse(deadlineText);
      if (deadline.isEmpty()) {
        cells.problem(DEADLINE, "无法识别的整改时限「" + deadlineText
            + "」（示例：2025年底前、2025年6月底前、2025-12-31；长期坚持的问题留空并在「长期坚持」列填 是）");
      } else if (longTerm != null) {
        if (deadline.get().standing() && !longTerm) {
          cells.problem(DEADLINE, deadlineText.isEmpty() ? "整改时限为空时须标注长期坚持"
              : "整改时限「" + deadlineText + "」不是具体日期；整改时限为空时须标注长期坚持（「长期坚持」列填 是）");
        } else if (!deadline.get().standing() && longTerm) {
          cells.problem(LONG_TERM, "已标注长期坚持，整改时限应为空，不能同时填写「" + deadlineText + "」");
        }
      }

      if (source != null && problemNoOk) {
        for (String county : counties) {
          String key = RectificationItem.businessKey(source, problemNo, county);
          Integer first = seen.putIfAbsent(key, row.rowNumber());
          if (first != null) {
            cells.problem(PROBLEM_NO, "问题编号「" + problemNo + "」（" + source + "，"
                + org.county(county).map(County::name).orElse(county) + "）与第" + first + "行重复");
          }
        }
      }

      if (problems.size() == before) {
        for (String county : counties) {
          items.add(new RectificationItem(source, round, feedbackDate, problemNo, problem, county,
              responsibleUnit, leadUnit, acceptanceUnit, leader, deadline.get().date(), longTerm,
              measures.isEmpty() ? null : measures));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportRejectedException(problems);
    }
    return items;
  }

  /** The cells of one row, and where to put what is wrong with them. */
  private record Cells(String file, TableRow row, Map<String[], String> columns, List<ImportProblem> problems) {

    String get(String[] column) {
      String h = columns.get(column);
      return h == null ? "" : row.get(h);
    }

    /** The cell's text, or "" after reporting it empty. */
    String required(String[] column) {
      String v = get(column);
      if (v.isEmpty()) {
        problem(column, columns.get(column) + "为空");
      }
      return v;
    }

    void problem(String[] column, String reason) {
      String h = columns.get(column);
      problems.add(new ImportProblem(file, row.rowNumber(), h == null ? column[0] : h, reason));
    }
  }

  private static String canonicalSource(String text) {
    String t = text.replace(" ", "").replace("\u3000", "");
    if (RectificationItem.SOURCE_CODES.containsKey(t)) {
      return t;
    }
    return SOURCE_ALIASES.get(t);
  }

  /** 2021-06-08, 2021/6/8 or 2021年6月8日 (an XLSX date cell arrives as the first). */
  static Optional<LocalDate> parseDate(String text) {
    return DateParser.day(text);
  }

  /** County codes of 责任县区 in directory order; 全市/各县区 means all of them. */
  private List<String> counties(Cells cells) {
    String text = cells.required(COUNTY);
    Set<String> codes = new LinkedHashSet<>();
    boolean all = false;
    for (String item : OrgDirectory.splitList(text)) {
      if (org.meansAllCounties(item)) {
        all = true;
        continue;
      }
      var county = org.findCounty(item);
      if (county.isPresent()) {
        codes.add(county.get().code());
      } else {
        cells.problem(COUNTY, "未知县区「" + item + "」");
      }
    }
    if (all) {
      return org.countyCodes();
    }
    return org.counties().stream().map(County::code).filter(codes::contains).toList();
  }

  /** The code of the one unit named in the column, or null after reporting the problem. */
  private String unit(Cells cells, String[] column) {
    String text = cells.required(column);
    if (text.isEmpty()) {
      return null;
    }
    var unit = org.findUnit(text);
    if (unit.isPresent()) {
      return unit.get().code();
    }
    List<String> names = OrgDirectory.splitList(text);
    if (names.size() > 1) {
      cells.problem(column, cells.columns().get(column) + "只能填写一个单位，此处为「" + text + "」");
    } else {
      cells.problem(column, "未知单位「" + text + "」");
    }
    return null;
  }

  private static String find(List<String> headers, String[] names) {
    for (String n : names) {
      if (headers.contains(n)) {
        return n;
      }
    }
    return null;
  }
}
