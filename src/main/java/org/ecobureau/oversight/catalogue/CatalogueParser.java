package org.ecobureau.oversight.catalogue;

import org.ecobureau.oversight.importing.ImportRejectedException;
import org.ecobureau.oversight.importing.ImportProblem;
import org.ecobureau.oversight.importing.TableReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecobureau.oversight.importing.TableReader.Table;
import org.ecobureau.oversight.importing.TableReader.TableRow;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Turns a key-task table into {@link KeyTask}s, or the complete list of what is wrong with it.
 * Accepts our own catalogue's columns and the official division table's
 * (序号 / 重点任务 / 工作措施 / 牵头部门 / 责任单位 / 完成时限).
 */
@Component
public class CatalogueParser {

  static final String[] CODE = {"序号", "编号", "任务编号"};
  static final String[] TITLE = {"重点任务", "任务名称"};
  static final String[] CONTENT = {"工作措施", "主要内容", "任务内容"};
  static final String[] LEAD = {"牵头单位", "牵头部门"};
  static final String[] RESPONSIBLE = {"责任县区", "责任单位"};
  static final String[] COOP = {"配合单位", "配合部门"};
  static final String[] DEADLINE = {"完成时限", "完成时间"};
  static final String[] CHAPTER = {"章"};
  static final String[] SECTION = {"节"};
  static final String[] SOURCE = {"原文"};
  static final String[] TARGET = {"目标指标"};
  static final String[] CADENCE = {"报送频次"};

  private static final Pattern CODE_PATTERN = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-_]{0,31}");
  /** Longest text OV_KEY_TASK keeps, by column (see schema.sql). */
  private static final Map<String[], Integer> MAX_LENGTH = Map.of(CHAPTER, 200, SECTION, 200,
      TITLE, 500, CONTENT, 4000, SOURCE, 4000, DEADLINE, 100, TARGET, 500);
  private static final Set<String> CADENCES = Set.of(KeyTask.MONTHLY, KeyTask.QUARTERLY);

  private final OrgDirectory org;

  public CatalogueParser(OrgDirectory org) {
    this.org = org;
  }

  public List<KeyTask> parse(String fileName, Table table) {
    List<ImportProblem> problems = new ArrayList<>();
    Map<String[], String> columns = new HashMap<>();
    for (String[] required : List.of(CODE, TITLE, LEAD, DEADLINE)) {
      String h = find(table.headers(), required);
      if (h == null) {
        problems.add(new ImportProblem(fileName, 1, required[0],
            "缺少必需的列「" + String.join("」或「", required) + "」" + table.sheetNote()));
      }
      columns.put(required, h);
    }
    for (String[] optional : List.of(CONTENT, RESPONSIBLE, COOP, CHAPTER, SECTION, SOURCE, TARGET, CADENCE)) {
      columns.put(optional, find(table.headers(), optional));
    }
    if (!problems.isEmpty()) {
      throw new ImportRejectedException(problems);
    }
    if (table.rows().isEmpty()) {
      throw new ImportRejectedException(List.of(ImportProblem.ofFile(fileName, "文件没有数据行")));
    }

    List<KeyTask> tasks = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (TableRow row : table.rows()) {
      int before = problems.size();
      Cell cell = (col) -> columns.get(col) == null ? "" : row.get(columns.get(col));
      String codeCol = columns.get(CODE);
      String code = cell.of(CODE);
      if (code.isEmpty()) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), codeCol, "序号为空"));
      } else if (row.isGeneralNumber(codeCol) && code.contains(".")) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), codeCol, TableReader.numericCode(code)));
      } else if (!CODE_PATTERN.matcher(code).matches()) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), codeCol,
            "序号「" + code + "」只能包含数字、字母、点和横线"));
      } else if (seen.containsKey(code)) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), codeCol,
            "序号「" + code + "」与第" + seen.get(code) + "行重复"));
      } else {
        seen.put(code, row.rowNumber());
      }
      String title = cell.of(TITLE);
      if (title.isEmpty()) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), columns.get(TITLE), "重点任务为空"));
      }
      int beforeLead = problems.size();
      List<String> lead = units(fileName, row, columns.get(LEAD), cell.of(LEAD), problems);
      if (lead.isEmpty() && problems.size() == beforeLead) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), columns.get(LEAD), "牵头单位为空"));
      }
      List<String> coop = new ArrayList<>(units(fileName, row, columns.get(COOP), cell.of(COOP), problems));
      List<String> counties = responsible(fileName, row, columns.get(RESPONSIBLE), cell.of(RESPONSIBLE), coop, problems);
      String deadlineText = cell.of(DEADLINE);
      var deadline = DeadlineParser.parse(deadlineText);
      if (deadline.isEmpty()) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), columns.get(DEADLINE),
            "无法识别的完成时限「" + deadlineText + "」（示例：2022年底前、2022年6月底前、到2025年、2025-12-31、长期坚持）"));
      }
      for (var limit : MAX_LENGTH.entrySet()) {
        String v = cell.of(limit.getKey());
        if (v.length() > limit.getValue()) {
          problems.add(new ImportProblem(fileName, row.rowNumber(), columns.get(limit.getKey()),
              "内容过长（" + v.length() + " 字），最多 " + limit.getValue() + " 字"));
        }
      }
      String cadence = cell.of(CADENCE);
      if (cadence.isEmpty()) {
        cadence = deadline.map(d -> d.standing() ? KeyTask.QUARTERLY : KeyTask.MONTHLY).orElse(KeyTask.MONTHLY);
      } else if (!CADENCES.contains(cadence)) {
        problems.add(new ImportProblem(fileName, row.rowNumber(), columns.get(CADENCE),
            "报送频次「" + cadence + "」应为 月报 或 季报"));
      }
      if (problems.size() == before) {
        tasks.add(new KeyTask(code, cell.of(CHAPTER), cell.of(SECTION), title, cell.of(CONTENT),
            cell.of(SOURCE), lead, List.copyOf(coop), counties, deadline.get().date(),
            deadlineText.isEmpty() ? "长期坚持" : deadlineText, cell.of(TARGET), cadence));
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportRejectedException(problems);
    }
    return tasks;
  }


  @FunctionalInterface
  private interface Cell {
    String of(String[] column);
  }

  private List<String> units(String file, TableRow row, String column, String text, List<ImportProblem> problems) {
    Set<String> codes = new LinkedHashSet<>();
    for (String name : OrgDirectory.splitList(text)) {
      var unit = org.findUnit(name);
      if (unit.isPresent()) {
        codes.add(unit.get().code());
      } else {
        problems.add(new ImportProblem(file, row.rowNumber(), column, "未知单位「" + name + "」"));
      }
    }
    return List.copyOf(codes);
  }

  /** 责任单位 may mix counties and units: counties become the assignees, units cooperate. */
  private List<String> responsible(String file, TableRow row, String column, String text,
      List<String> coop, List<ImportProblem> problems) {
    List<String> items = OrgDirectory.splitList(text);
    if (items.isEmpty()) {
      return org.countyCodes();
    }
    Set<String> counties = new LinkedHashSet<>();
    boolean all = false;
    for (String item : items) {
      if (org.meansAllCounties(item)) {
        all = true;
        continue;
      }
      var county = org.findCounty(item);
      if (county.isPresent()) {
        counties.add(county.get().code());
        continue;
      }
      var unit = org.findUnit(item);
      if (unit.isPresent()) {
        if (!coop.contains(unit.get().code())) {
          coop.add(unit.get().code());
        }
        continue;
      }
      problems.add(new ImportProblem(file, row.rowNumber(), column, "未知县区或单位「" + item + "」"));
    }
    if (all || counties.isEmpty()) {
      return org.countyCodes();
    }
    return org.counties().stream().map(County::code).filter(counties::contains).toList();
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
