package org.ecobureau.oversight.catalogue;

import org.ecobureau.oversight.importing.TableReader;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the catalogue shipped with the application against the plan it was decomposed from
 * (the seed text) and against the organisation files, without starting Spring.
 */
class BundledCatalogueTest {

  private static final String CATALOGUE = "catalog/key-tasks.csv";
  private static final String SEED = "seed/plan-004.txt";
  private static final String ALL = "全部";
  private static final String NONE = "无";
  /** The prefecture-level city's district: the plan's 县级城市 are the other six county seats. */
  private static final String PREFECTURE_SEAT = "安定区";

  /** Sections per chapter of the plan (chapter 二 … 八 → code prefix 2 … 8). */
  private static final Map<Integer, Integer> SECTIONS = Map.of(2, 7, 3, 4, 4, 6, 5, 5, 6, 5, 7, 7, 8, 5);

  private static byte[] catalogueBytes;
  private static List<CSVRecord> rows;
  private static String seed;
  /** short name → full name, e.g. 安定 → 安定区. */
  private static Map<String, String> countyByShortName;
  /** full name → code. */
  private static Map<String, String> countyCodeByName;
  private static Set<String> unitNames;
  /** name, alias or code → code. */
  private static Map<String, String> unitCodeByName;

  @BeforeAll
  static void load() throws IOException {
    catalogueBytes = resource(CATALOGUE);
    rows = csv(new String(catalogueBytes, StandardCharsets.UTF_8));
    seed = new String(resource(SEED), StandardCharsets.UTF_8);
    countyByShortName = new LinkedHashMap<>();
    countyCodeByName = new LinkedHashMap<>();
    for (CSVRecord r : csv(new String(resource("org/dingxi/counties.csv"), StandardCharsets.UTF_8))) {
      countyByShortName.put(r.get("short_name").strip(), r.get("name").strip());
      countyCodeByName.put(r.get("name").strip(), r.get("code").strip());
    }
    unitNames = new HashSet<>();
    unitCodeByName = new LinkedHashMap<>();
    for (CSVRecord r : csv(new String(resource("org/dingxi/units.csv"), StandardCharsets.UTF_8))) {
      String code = r.get("code").strip();
      unitNames.add(r.get("name").strip());
      unitNames.add(code);
      unitCodeByName.put(r.get("name").strip(), code);
      unitCodeByName.put(code, code);
      if (r.isMapped("aliases") && !r.get("aliases").isBlank()) {
        Arrays.stream(r.get("aliases").split(";")).map(String::strip).forEach(a -> {
          unitNames.add(a);
          unitCodeByName.put(a, code);
        });
      }
    }
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = BundledCatalogueTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as("classpath resource %s", path).isNotNull();
      return in.readAllBytes();
    }
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (Reader reader = new java.io.StringReader(text)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .setCommentMarker('#').setIgnoreEmptyLines(true).get().parse(reader).getRecords();
    }
  }

  private static String code(CSVRecord r) {
    return r.get("序号").strip();
  }

  @Test
  void hasTheColumnsOfTheCatalogue() throws IOException {
    try (Reader reader = new InputStreamReader(new java.io.ByteArrayInputStream(catalogueBytes), StandardCharsets.UTF_8)) {
      List<String> header = CSVFormat.DEFAULT.parse(reader).iterator().next().toList();
      assertThat(header).containsExactly("序号", "章", "节", "重点任务", "工作措施", "原文", "牵头单位", "配合单位",
          "责任县区", "承办部门", "完成时限", "目标指标", "报送频次");
    }
  }

  @Test
  void hasExactly162TasksWithUniqueCodes() {
    assertThat(rows).hasSize(162);
    List<String> codes = rows.stream().map(BundledCatalogueTest::code).toList();
    assertThat(codes).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).matches("[2-8]\\.\\d+\\.\\d+"));
    assertThat(seed).contains("162项重点任务");
  }

  @Test
  void everySourcePieceIsVerbatimFromThePlan() {
    List<String> missing = new ArrayList<>();
    for (CSVRecord r : rows) {
      String source = r.get("原文");
      assertThat(source).as("原文 of %s", code(r)).isNotBlank();
      for (String piece : source.split(" … ")) {
        assertThat(piece).as("piece of 原文 of %s", code(r)).isNotBlank();
        if (!seed.contains(piece)) {
          missing.add(code(r) + ": " + piece);
        }
      }
    }
    assertThat(missing).as("原文 pieces not found verbatim in the plan").isEmpty();
  }

  @Test
  void everySectionOfChapters2To8HasATask() {
    Map<String, Long> perSection = rows.stream()
        .map(r -> code(r).substring(0, code(r).lastIndexOf('.')))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    Set<String> expected = new LinkedHashSet<>();
    SECTIONS.forEach((chapter, n) -> {
      for (int s = 1; s <= n; s++) {
        expected.add(chapter + "." + s);
      }
    });
    assertThat(expected).hasSize(39);
    assertThat(perSection.keySet()).as("sections that have tasks").containsExactlyInAnyOrderElementsOf(expected);
    expected.forEach(s -> assertThat(perSection.get(s)).as("tasks in section %s", s).isGreaterThanOrEqualTo(1));
  }

  @Test
  void chapterAndSectionTitlesComeFromThePlan() {
    for (CSVRecord r : rows) {
      assertThat(r.get("章")).as("章 of %s", code(r)).isNotBlank();
      assertThat(seed).as("章 of %s", code(r)).contains(r.get("章"));
      assertThat(r.get("节")).as("节 of %s", code(r)).isNotBlank();
      assertThat(seed).as("节 of %s", code(r)).contains(r.get("节"));
      assertThat(r.get("重点任务")).as("重点任务 of %s", code(r)).isNotBlank();
      assertThat(r.get("报送频次")).as("报送频次 of %s", code(r)).isIn(KeyTask.MONTHLY, KeyTask.QUARTERLY);
    }
  }

  @Test
  void countiesNamedInTheSourceAreExactlyTheResponsibleCounties() {
    for (CSVRecord r : rows) {
      String source = r.get("原文");
      Set<String> named = countyByShortName.entrySet().stream()
          .filter(e -> source.contains(e.getKey())).map(Map.Entry::getValue)
          .collect(Collectors.toSet());
      String responsible = r.get("责任县区").strip();
      if (named.isEmpty() && source.contains("县级城市")) {
        // 县级城市 (not 县级及以上城市): the county seats, not the prefecture-level city's district
        Set<String> seats = new HashSet<>(countyCodeByName.keySet());
        seats.remove(PREFECTURE_SEAT);
        assertThat(Set.copyOf(OrgDirectory.splitList(responsible))).as("责任县区 of %s (县级城市)", code(r))
            .isEqualTo(seats);
      } else if (named.isEmpty()) {
        assertThat(responsible).as("责任县区 of %s (no county named in 原文)", code(r)).isIn(ALL, NONE);
      } else {
        assertThat(Set.copyOf(OrgDirectory.splitList(responsible)))
            .as("责任县区 of %s", code(r)).isEqualTo(named);
      }
    }
  }

  @Test
  void everyTaskHasAtLeastOneParty() {
    for (CSVRecord r : rows) {
      String responsible = r.get("责任县区").strip();
      List<String> carrying = OrgDirectory.splitList(r.get("承办部门"));
      assertThat(responsible).as("责任县区 of %s", code(r)).isNotEmpty();
      if (NONE.equals(responsible)) {
        assertThat(carrying).as("承办部门 of %s, which no county carries", code(r)).isNotEmpty();
      }
      assertThat(carrying).as("承办部门 of %s", code(r)).doesNotHaveDuplicates()
          .allSatisfy(u -> assertThat(unitNames).contains(u))
          .noneMatch(OrgDirectory.splitList(r.get("配合单位"))::contains);
    }
  }

  @Test
  void deadlinesParseAndDatedOnesAreStatedInTheSource() {
    for (CSVRecord r : rows) {
      String text = r.get("完成时限").strip();
      var deadline = DeadlineParser.parse(text);
      assertThat(deadline).as("完成时限 「%s」 of %s", text, code(r)).isPresent();
      if (!deadline.get().standing()) {
        // "2025年底前" is written "到2025年底前" in the plan: the phrase is still a substring
        assertThat(r.get("原文")).as("原文 of %s states its deadline", code(r)).contains(text);
      }
    }
  }

  @Test
  void leadAndCooperatingUnitsAreKnown() {
    for (CSVRecord r : rows) {
      List<String> lead = OrgDirectory.splitList(r.get("牵头单位"));
      assertThat(lead).as("牵头单位 of %s", code(r)).isNotEmpty();
      assertThat(lead).as("牵头单位 of %s", code(r)).allSatisfy(u -> assertThat(unitNames).contains(u));
      assertThat(OrgDirectory.splitList(r.get("配合单位"))).as("配合单位 of %s", code(r))
          .allSatisfy(u -> assertThat(unitNames).contains(u));
    }
  }

  @Test
  void parsesThroughTheCatalogueParser() {
    OrgDirectory org = OrgDirectory.fromFiles("classpath:org/dingxi/counties.csv", "classpath:org/dingxi/units.csv");
    var parser = new CatalogueParser(org);
    var table = TableReader.read("key-tasks.csv", catalogueBytes, 5L * 1024 * 1024);
    List<KeyTask> tasks = parser.parse("key-tasks.csv", table);

    assertThat(tasks).hasSize(162);
    Map<String, KeyTask> byCode = tasks.stream().collect(Collectors.toMap(KeyTask::code, t -> t));
    assertThat(byCode).hasSize(162);

    for (CSVRecord r : rows) {
      KeyTask t = byCode.get(code(r));
      assertThat(t).as("task %s", code(r)).isNotNull();
      String responsible = r.get("责任县区").strip();
      if (ALL.equals(responsible)) {
        assertThat(t.counties()).as("counties of %s", t.code()).isEqualTo(org.countyCodes());
      } else if (NONE.equals(responsible)) {
        assertThat(t.counties()).as("counties of %s", t.code()).isEmpty();
      } else {
        Set<String> expected = OrgDirectory.splitList(responsible).stream()
            .map(countyCodeByName::get).collect(Collectors.toSet());
        assertThat(expected).doesNotContainNull();
        assertThat(t.counties()).as("counties of %s", t.code())
            .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(t.counties()).hasSizeLessThan(org.countyCodes().size());
      }
      assertThat(t.leadUnits()).as("lead of %s", t.code()).isNotEmpty();
      assertThat(t.units()).as("carrying units of %s", t.code()).containsExactlyElementsOf(
          OrgDirectory.splitList(r.get("承办部门")).stream().map(unitCodeByName::get).toList());
      assertThat(t.counties().size() + t.units().size()).as("parties of %s", t.code()).isPositive();
      assertThat(t.sourceText()).isEqualTo(r.get("原文"));
      assertThat(t.deadlineText()).isEqualTo(r.get("完成时限").strip());
      assertThat(t.standing()).isEqualTo("长期坚持".equals(r.get("完成时限").strip()));
      assertThat(t.cadence()).isEqualTo(r.get("报送频次").strip());
    }

    // a few tasks whose counties are named in the plan
    assertThat(byCode.get("3.3.2").counties()).containsExactly("anding");
    assertThat(byCode.get("4.2.2").counties()).containsExactlyInAnyOrder("weiyuan", "zhangxian", "minxian");
    assertThat(byCode.get("3.1.3").counties()).containsExactlyInAnyOrder("longxi", "lintao", "zhangxian", "minxian");
    // 县级城市: the six county seats other than 安定区 (4.1.1 is 安定区's own)
    List<String> countySeats = List.of("tongwei", "longxi", "weiyuan", "lintao", "zhangxian", "minxian");
    assertThat(byCode.get("4.1.4").counties()).containsExactlyElementsOf(countySeats);
    assertThat(byCode.get("4.1.5").counties()).containsExactlyElementsOf(countySeats);

    List<KeyTask> juneEnd = tasks.stream().filter(t -> "2022年6月底前".equals(t.deadlineText())).toList();
    assertThat(juneEnd).isNotEmpty().allSatisfy(t -> assertThat(t.deadline()).isEqualTo(LocalDate.of(2022, 6, 30)));
    assertThat(byCode.get("4.1.4").deadline()).isEqualTo(LocalDate.of(2022, 6, 30));
    tasks.stream().filter(t -> "到2025年".equals(t.deadlineText()))
        .forEach(t -> assertThat(t.deadline()).isEqualTo(LocalDate.of(2025, 12, 31)));
    tasks.stream().filter(t -> "2022年底前".equals(t.deadlineText()))
        .forEach(t -> assertThat(t.deadline()).isEqualTo(LocalDate.of(2022, 12, 31)));
  }

  /** City-level measures (plans, mechanisms, funds, the city's own bodies) go to departments. */
  @Test
  void cityLevelTasksAreCarriedByDepartmentsNotCounties() {
    Map<String, KeyTask> byCode = parsed();
    for (String code : List.of("2.1.1", "5.4.4", "6.5.6", "7.1.1", "7.2.1", "7.6.2", "8.2.2", "8.3.2", "8.3.3",
        "8.4.3")) {
      KeyTask t = byCode.get(code);
      assertThat(t.counties()).as("counties of %s", code).isEmpty();
      assertThat(t.units()).as("carrying units of %s", code).isNotEmpty();
    }
    assertThat(byCode.get("2.1.1").units()).as("2.1.1: the 1+1+N policy system and the sector plans")
        .contains("fgw").noneMatch(byCode.get("2.1.1").coopUnits()::contains);
    assertThat(byCode.get("7.1.1").units()).containsExactlyInAnyOrder("sfj", "sthj");
    assertThat(byCode.get("8.3.2").units()).containsExactly("zzb");
    assertThat(byCode.get("8.2.2").units()).containsExactlyInAnyOrder("rd", "zx", "zy", "jcy");
    // the lead units carry what no other unit is named for
    assertThat(byCode.get("8.3.2").leadUnits()).containsExactlyElementsOf(byCode.get("8.3.2").units());
    // a task with a city part and a county part has both
    assertThat(byCode.get("2.1.4").counties()).hasSize(7);
    assertThat(byCode.get("2.1.4").units()).containsExactly("sthj");
    // most tasks are still the counties' alone
    assertThat(byCode.values().stream().filter(t -> t.units().isEmpty()).count()).isGreaterThan(81);
  }

  @Test
  void leadUnitsFollowTheText() {
    Map<String, KeyTask> byCode = parsed();
    assertThat(byCode.get("3.1.4").leadUnits()).as("3.1.4 fireworks: police").startsWith("gaj");
    assertThat(byCode.get("2.6.2").leadUnits()).as("2.6.2 green mines").contains("zrzyj");
    assertThat(byCode.get("4.5.2").leadUnits()).as("4.5.2 区域再生水循环利用试点").containsExactly("sthj");
    assertThat(byCode.get("5.1.1").leadUnits()).as("5.1.1 rural environment and toilets")
        .containsExactlyInAnyOrder("sthj", "nyncj");
    assertThat(byCode.get("6.2.3").leadUnits()).as("6.2.3 秦岭细鳞鲑 is a fish").contains("nyncj", "lcj");
    assertThat(byCode.get("3.3.2").leadUnits()).as("3.3.2 公务用车").contains("jgswj");
    assertThat(byCode.get("7.2.6").leadUnits()).as("7.2.6 强制责任保险").contains("jrjg");
    assertThat(byCode.get("4.2.3").units()).as("4.2.3 以经济开发区为重点").containsExactly("kfq");
    assertThat(byCode.get("5.1.6").coopUnits()).as("5.1.6 农膜回收网络").contains("gxs");
  }

  private static Map<String, KeyTask> parsed() {
    OrgDirectory org = OrgDirectory.fromFiles("classpath:org/dingxi/counties.csv", "classpath:org/dingxi/units.csv");
    var table = TableReader.read("key-tasks.csv", catalogueBytes, 5L * 1024 * 1024);
    return new CatalogueParser(org).parse("key-tasks.csv", table).stream()
        .collect(Collectors.toMap(KeyTask::code, t -> t));
  }
}
