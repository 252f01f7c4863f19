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
import org.ecobureau.oversight.identity.OrgDirectory.Party;
import org.springframework.stereotype.Component;

/**
 * Turns a key-task table into {@link KeyTask}s, or the complete list of what is wrong with it.
 * Accepts our own catalogue's columns and the official division table's
 * (序号 / 重点任务 / 工作措施 / 牵头部门 / 责任单位 / 完成时限).
 *
 * <p>Who carries a task (its parties) comes from 责任县区 / 责任单位 and 承办部门 / 责任部门:
 * <ul>
 *   <li>counties, named as official tables write them ("临洮县", "临洮县人民政府", "临洮县委、县政府",
 *       "临洮县党委和政府"), or all of them ("各县区", "各县（区）人民政府", "各县区党委和政府", …);</li>
 *   <li>city units that carry it themselves (承办): the units named in either column, and for
 *       "市直有关部门" the task's lead units;</li>
 *   <li>"无" in 责任县区: no county. With both columns empty every county carries it (official tables
 *       leave it out then); with units but no county named, the units alone carry it.</li>
 * </ul>
 * A task needs at least one party. Anything not recognised is reported by row, column and text.
 */
@Component
public class CatalogueParser {

  static final String[] CODE = {"序号", "编号", "任务编号"};
  static final String[] TITLE = {"重点任务", "任务名称"};
  static final String[] CONTENT = {"工作措施", "主要内容", "任务内容"};
  static final String[] LEAD = {"牵头单位", "牵头部门"};
  static final String[] RESPONSIBLE = {"责任县区", "责任单位"};
  static final String[] COOP = {"配合单位", "配合部门"};
  static final String[] UNITS = {"承办部门", "责任部门"};
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
  /** In 责任县区: no county carries the task. */
  static final String NO_COUNTY = "无";

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
    for (String[] optional : List.of(CONTENT, RESPONSIBLE, UNITS, COOP, CHAPTER, SECTION, SOURCE, TARGET, CADENCE)) {
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
      Scope scope = scope(fileName, row, columns, cell.of(RESPONSIBLE), cell.of(UNITS), lead, problems);
      coop.removeAll(scope.units());   // a unit that carries the task does more than cooperate
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
            cell.of(SOURCE), lead, List.copyOf(coop), scope.counties(), scope.units(), deadline.get().date(),
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
    // "市委、市政府" is one (unknown) name, not two
    for (String name : OrgDirectory.splitParties(text)) {
      var unit = org.findUnit(name);
      if (unit.isPresent()) {
        codes.add(unit.get().code());
      } else {
        problems.add(new ImportProblem(file, row.rowNumber(), column, "未知单位「" + name + "」"));
      }
    }
    return List.copyOf(codes);
  }

  /** The task's parties: the counties and the city units that carry it. */
  record Scope(List<String> counties, List<String> units) {}

  private Scope scope(String file, TableRow row, Map<String[], String> columns, String responsibleText,
      String unitsText, List<String> lead, List<ImportProblem> problems) {
    String responsibleColumn = columns.get(RESPONSIBLE);
    String unitsColumn = columns.get(UNITS);
    Set<String> counties = new LinkedHashSet<>();
    Set<String> units = new LinkedHashSet<>();
    boolean all = false;
    boolean none = false;
    int before = problems.size();

    // 责任县区 / 责任单位: counties, every county, units (they carry it), 市直有关部门, or 无
    for (String item : OrgDirectory.splitParties(responsibleText)) {
      if (NO_COUNTY.equals(item)) {
        none = true;
        continue;
      }
      Party party = org.resolveParty(item);
      switch (party.kind()) {
        case ALL_COUNTIES -> all = true;
        case COUNTY -> counties.add(party.code());
        case UNIT -> units.add(party.code());
        case CITY_DEPARTMENTS -> units.addAll(lead);
        case UNKNOWN -> problems.add(unknownParty(file, row, responsibleColumn, item));
        default -> throw new IllegalStateException(party.kind().name());
      }
    }
    if (none && (all || !counties.isEmpty())) {
      problems.add(new ImportProblem(file, row.rowNumber(), responsibleColumn,
          "「无」表示不涉及县区，不能与县区同时填写"));
    }

    // 承办部门 / 责任部门: city units only ("无": none)
    for (String item : OrgDirectory.splitParties(unitsText)) {
      if (NO_COUNTY.equals(item)) {
        continue;
      }
      Party party = org.resolveParty(item);
      switch (party.kind()) {
        case UNIT -> units.add(party.code());
        case CITY_DEPARTMENTS -> units.addAll(lead);
        case ALL_COUNTIES, COUNTY -> problems.add(countyInUnitsColumn(file, row, unitsColumn, item));
        case UNKNOWN -> problems.add(unknownParty(file, row, unitsColumn, item));
        default -> throw new IllegalStateException(party.kind().name());
      }
    }

    List<String> countyCodes;
    if (all) {
      countyCodes = org.countyCodes();
    } else if (!counties.isEmpty()) {
      countyCodes = org.counties().stream().map(County::code).filter(counties::contains).toList();
    } else if (none || !units.isEmpty() || !OrgDirectory.splitList(responsibleText).isEmpty()) {
      // 无, or only city units named: no county
      countyCodes = List.of();
    } else {
      // neither column says: every county, as official tables leave it out then
      countyCodes = org.countyCodes();
    }
    if (countyCodes.isEmpty() && units.isEmpty() && problems.size() == before) {
      problems.add(new ImportProblem(file, row.rowNumber(), responsibleColumn != null ? responsibleColumn : unitsColumn,
          "任务没有责任方：请在「责任县区」列填写县区，或在「承办部门」列填写承办任务的市直单位"));
    }
    return new Scope(countyCodes, List.copyOf(units));
  }

  private static ImportProblem unknownParty(String file, TableRow row, String column, String text) {
    return new ImportProblem(file, row.rowNumber(), column, "无法识别的责任单位「" + text + "」");
  }

  private static ImportProblem countyInUnitsColumn(String file, TableRow row, String column, String text) {
    return new ImportProblem(file, row.rowNumber(), column,
        "「" + text + "」是县区，请填入「责任县区」列；「" + column + "」只填承办任务的市直单位");
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
