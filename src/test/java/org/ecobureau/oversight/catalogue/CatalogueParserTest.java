package org.ecobureau.oversight.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.importing.ImportProblem;
import org.ecobureau.oversight.importing.ImportRejectedException;
import org.ecobureau.oversight.importing.TableReader;
import org.junit.jupiter.api.Test;

/**
 * Who carries a task, as the import reads it from 责任县区 / 责任单位 and 承办部门, in our own
 * catalogue's phrasing and the official division tables'. Against the Dingxi organisation files,
 * without Spring.
 */
class CatalogueParserTest {

  private static final List<String> ALL_COUNTIES =
      List.of("anding", "tongwei", "longxi", "weiyuan", "lintao", "zhangxian", "minxian");
  /** The official division table's columns. */
  private static final String OFFICIAL = "序号,重点任务,工作措施,牵头部门,配合部门,责任单位,完成时限\n";
  /** Our own catalogue's columns, with 承办部门. */
  private static final String OURS = "序号,重点任务,牵头单位,配合单位,责任县区,承办部门,完成时限\n";

  private final CatalogueParser parser = new CatalogueParser(
      OrgDirectory.fromFiles("classpath:org/dingxi/counties.csv", "classpath:org/dingxi/units.csv"));

  // ---------------------------------------------------------------- every county

  @Test
  void officialWaysOfSayingEveryCountyGiveEveryCounty() {
    for (String all : List.of("各县区人民政府", "各县区党委和政府", "各县（区）人民政府", "各县(区)人民政府", "各县区政府",
        "各县区", "各县区党委、政府", "各县区党委政府")) {
      KeyTask t = one(OFFICIAL + "1,任务,措施,市生态环境局,,\"" + all + "\",长期坚持\n");
      assertThat(t.counties()).as("「%s」", all).containsExactlyElementsOf(ALL_COUNTIES);
      assertThat(t.units()).as("「%s」", all).isEmpty();
    }
  }

  @Test
  void bothColumnsEmptyMeansEveryCounty() {
    KeyTask t = one(OURS + "1,任务,市生态环境局,,,,长期坚持\n");
    assertThat(t.counties()).containsExactlyElementsOf(ALL_COUNTIES);
    assertThat(t.units()).isEmpty();

    KeyTask official = one("序号,重点任务,牵头部门,完成时限\n1,任务,市生态环境局,长期坚持\n");
    assertThat(official.counties()).containsExactlyElementsOf(ALL_COUNTIES);
  }

  // ---------------------------------------------------------------- one county

  @Test
  void aCountysGovernmentOrPartyCommitteeIsThatCountyAsOneParty() {
    for (String linTao : List.of("临洮县", "临洮", "临洮县人民政府", "临洮县政府", "临洮县委、县政府", "临洮县委县政府",
        "临洮县党委和政府", "临洮县党委、政府", "临洮县党委，政府", "临洮县党委政府")) {
      KeyTask t = one(OFFICIAL + "1,任务,措施,市生态环境局,,\"" + linTao + "\",长期坚持\n");
      assertThat(t.counties()).as("「%s」", linTao).containsExactly("lintao");
      assertThat(t.units()).as("「%s」", linTao).isEmpty();
    }
    KeyTask t = one(OFFICIAL + "1,任务,措施,市生态环境局,,安定区人民政府、漳县委、县政府、岷县党委、政府,长期坚持\n");
    assertThat(t.counties()).containsExactly("anding", "zhangxian", "minxian");
  }

  @Test
  void aPartyCommitteeAndItsGovernmentAreNotSplitIntoTwoNames() {
    assertThat(OrgDirectory.splitParties("临洮县委、县政府、渭源县党委、政府，市生态环境局"))
        .containsExactly("临洮县委、县政府", "渭源县党委、政府", "市生态环境局");
    assertThat(OrgDirectory.splitParties("市委、市政府")).containsExactly("市委、市政府");
    // a unit whose name ends in 委 keeps its neighbour
    assertThat(OrgDirectory.splitParties("市发改委、市卫健委")).containsExactly("市发改委", "市卫健委");
    assertThat(OrgDirectory.splitList("临洮县委、县政府")).containsExactly("临洮县委", "县政府");
  }

  // ---------------------------------------------------------------- units that carry the task

  @Test
  void cityDepartmentsConcernedMeansTheLeadUnitsCarryIt() {
    KeyTask t = one(OFFICIAL + "1,任务,措施,市发展改革委、市生态环境局,市财政局,市直有关部门,长期坚持\n");
    assertThat(t.units()).containsExactly("fgw", "sthj");
    assertThat(t.coopUnits()).containsExactly("czj");
    assertThat(t.counties()).as("no county named").isEmpty();

    KeyTask both = one(OFFICIAL + "1,任务,措施,市水务局,,各县区人民政府、市直有关部门,长期坚持\n");
    assertThat(both.counties()).containsExactlyElementsOf(ALL_COUNTIES);
    assertThat(both.units()).containsExactly("swj");
  }

  @Test
  void unitsNamedAsResponsibleCarryTheTaskInsteadOfCooperating() {
    KeyTask t = one(OFFICIAL + "1,任务,措施,市生态环境局,市住建局,安定区、市住建局、市水务局,2022年底前\n");
    assertThat(t.counties()).containsExactly("anding");
    assertThat(t.units()).containsExactly("zjj", "swj");
    assertThat(t.coopUnits()).as("a carrying unit is no longer only cooperating").isEmpty();

    KeyTask cityOnly = one(OFFICIAL + "1,任务,措施,市生态环境局,,市住建局,2022年底前\n");
    assertThat(cityOnly.counties()).as("only a unit named: no county").isEmpty();
    assertThat(cityOnly.units()).containsExactly("zjj");
  }

  @Test
  void theUnitsColumnNamesTheCarryingUnits() {
    KeyTask t = one(OURS + "1,任务,市发展改革委,市生态环境局,全部,市发展改革委、经开区管委会,长期坚持\n");
    assertThat(t.counties()).containsExactlyElementsOf(ALL_COUNTIES);
    assertThat(t.units()).containsExactly("fgw", "kfq");

    KeyTask named = one(OURS + "1,任务,市生态环境局,,安定区,市生态环境局,长期坚持\n");
    assertThat(named.counties()).containsExactly("anding");
    assertThat(named.units()).containsExactly("sthj");

    KeyTask alias = one("序号,重点任务,牵头部门,责任部门,完成时限\n1,任务,市金融办,国家金融监督管理总局定西监管分局、供销社,长期坚持\n");
    assertThat(alias.units()).containsExactly("jrjg", "gxs");
    assertThat(alias.counties()).as("责任县区 absent, units named: no county").isEmpty();
  }

  @Test
  void noCountyMeansTheUnitsAlone() {
    KeyTask t = one(OURS + "1,任务,市司法局、市生态环境局,市人大常委会,无,市司法局、市生态环境局,长期坚持\n");
    assertThat(t.counties()).isEmpty();
    assertThat(t.units()).containsExactly("sfj", "sthj");
    assertThat(t.coopUnits()).containsExactly("rd");

    KeyTask empty = one(OURS + "1,任务,市税务局,,,市税务局,长期坚持\n");
    assertThat(empty.counties()).as("责任县区 empty, 承办部门 given").isEmpty();
    assertThat(empty.units()).containsExactly("swju");
  }

  // ---------------------------------------------------------------- refused

  @Test
  void aTaskNobodyCarriesIsRefused() {
    List<ImportProblem> problems = problems(OURS + "1,任务,市生态环境局,,无,,长期坚持\n");
    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), 2, "责任县区", "没有责任方");

    problems = problems(OURS + "1,任务,市生态环境局,,无、安定区,市生态环境局,长期坚持\n");
    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), 2, "责任县区", "「无」");
  }

  @Test
  void anUnknownPartyIsReportedByRowColumnAndText() {
    List<ImportProblem> problems = problems(OFFICIAL
        + "1,任务一,措施,市生态环境局,,各县区人民政府,长期坚持\n"
        + "2,任务二,措施,市生态环境局,,\"安定区、兰州区人民政府\",长期坚持\n"
        + "3,任务三,措施,市生态环境局,,市委、市政府,长期坚持\n"
        + "4,任务四,措施,市生态环境局,,市政府,长期坚持\n");
    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), 3, "责任单位", "无法识别的责任单位「兰州区人民政府」");
    assertProblem(problems.get(1), 4, "责任单位", "无法识别的责任单位「市委、市政府」");
    assertProblem(problems.get(2), 5, "责任单位", "无法识别的责任单位「市政府」");
    problems.forEach(p -> assertThat(p.file()).isEqualTo("t.csv"));

    List<ImportProblem> inUnits = problems(OURS + "1,任务,市生态环境局,,无,市宇宙局,长期坚持\n");
    assertThat(inUnits).hasSize(1);
    assertProblem(inUnits.get(0), 2, "承办部门", "无法识别的责任单位「市宇宙局」");
  }

  @Test
  void theCitysLeadershipIsNoLeadUnit() {
    List<ImportProblem> problems = problems(OFFICIAL
        + "1,任务一,措施,市委、市政府,,各县区,长期坚持\n"
        + "2,任务二,措施,市政府,,各县区,长期坚持\n");
    assertThat(problems).hasSize(2);
    assertProblem(problems.get(0), 2, "牵头部门", "未知单位「市委、市政府」");
    assertProblem(problems.get(1), 3, "牵头部门", "未知单位「市政府」");
  }

  @Test
  void aCountyInTheUnitsColumnIsPointedToTheCountyColumn() {
    List<ImportProblem> problems = problems(OURS + "1,任务,市生态环境局,,,临洮县人民政府,长期坚持\n");
    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), 2, "承办部门", "请填入「责任县区」列");
  }

  @Test
  void aKeyTaskWithoutAnyPartyCannotBeMade() {
    assertThatThrownBy(() -> new KeyTask("1", null, null, "任务", null, null, List.of("sthj"), List.of(),
        List.of(), List.of(), null, "长期坚持", null, KeyTask.QUARTERLY)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void carryingUnitsChangeTheFingerprintOnlyWhenThereAreSome() {
    KeyTask counties = new KeyTask("1", null, null, "任务", null, null, List.of("sthj"), List.of(),
        List.of("anding"), List.of(), null, "长期坚持", null, KeyTask.QUARTERLY);
    KeyTask withUnit = new KeyTask("1", null, null, "任务", null, null, List.of("sthj"), List.of(),
        List.of("anding"), List.of("sthj"), null, "长期坚持", null, KeyTask.QUARTERLY);
    assertThat(withUnit.fingerprint()).isNotEqualTo(counties.fingerprint());
    // the digest of a task without units is the one it had before tasks had units
    assertThat(counties.fingerprint()).isEqualTo(legacyFingerprint(counties));
  }

  // ---------------------------------------------------------------- helpers

  /** The digest as KeyTask computed it before it had units. */
  private static String legacyFingerprint(KeyTask t) {
    String joined = String.join("\u0001", t.code(), "", "", t.title(), "", "", String.join(",", t.leadUnits()),
        String.join(",", t.coopUnits()), String.join(",", t.counties()), "", t.deadlineText(), "", t.cadence());
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyTask one(String csv) {
    List<KeyTask> tasks = parser.parse("t.csv", table(csv));
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private List<ImportProblem> problems(String csv) {
    try {
      List<KeyTask> tasks = parser.parse("t.csv", table(csv));
      throw new AssertionError("not refused: " + tasks);
    } catch (ImportRejectedException e) {
      return e.problems();
    }
  }

  private static TableReader.Table table(String csv) {
    return TableReader.read("t.csv", csv.getBytes(StandardCharsets.UTF_8), 5L * 1024 * 1024);
  }

  private static void assertProblem(ImportProblem p, int row, String column, String reasonPart) {
    assertThat(p.row()).as("row of %s", p).isEqualTo(row);
    assertThat(p.column()).as("column of %s", p).isEqualTo(column);
    assertThat(p.reason()).as("reason of %s", p).contains(reasonPart);
  }
}
