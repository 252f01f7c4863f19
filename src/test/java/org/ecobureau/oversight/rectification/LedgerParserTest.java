package org.ecobureau.oversight.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ecobureau.oversight.importing.ImportProblem;
import org.ecobureau.oversight.importing.ImportRejectedException;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.junit.jupiter.api.Test;

/** The ledger parser against the Dingxi organisation files, without Spring. */
class LedgerParserTest {

  private static final long MAX = 5 * 1024 * 1024;
  private static final List<String> ALL_COUNTIES =
      List.of("anding", "tongwei", "longxi", "weiyuan", "lintao", "zhangxian", "minxian");
  static final String HEADER =
      "来源,轮次,反馈日期,问题编号,问题描述,责任县区,责任单位,牵头单位,验收单位,责任领导,整改时限,长期坚持,整改措施\n";
  /** A valid row; tests vary one cell. */
  static final String GOOD = "中央督察,第二轮,2021-06-10,1,工业园区污水收集处理设施不完善,安定区,安定区人民政府,"
      + "市生态环境局,市生态环境局,区政府分管副区长,2025年底前,否,完成园区雨污分流改造\n";

  private final LedgerParser parser = new LedgerParser(
      OrgDirectory.fromFiles("classpath:org/dingxi/counties.csv", "classpath:org/dingxi/units.csv"));

  // ---------------------------------------------------------------- the demo ledger

  @Test
  void demoLedgerParsesIntoOneItemPerProblemAndCounty() {
    List<RectificationItem> items = parser.parse("demo-ledger.csv", DemoLedger.bytes(), MAX);

    assertThat(items).hasSize(22);
    assertThat(items.stream().map(RectificationItem::county).distinct()).containsExactlyInAnyOrderElementsOf(ALL_COUNTIES);
    assertThat(items.stream().map(RectificationItem::source).distinct())
        .containsExactlyInAnyOrder("中央督察", "省督察", "回头看", "专项督察");
    assertThat(items.stream().map(RectificationItem::businessKey).distinct()).hasSize(items.size());
    items.forEach(i -> assertThat(i.businessKey()).matches("RI-(ZY|SJ|HTK|ZX)-[0-9A-Za-z.\\-_]+:[a-z]+"));
    items.forEach(i -> {
      if (i.longTerm()) {
        assertThat(i.deadline()).isNull();
      } else {
        assertThat(i.deadline().getYear()).isBetween(2025, 2027);
      }
    });
    assertThat(items.stream().filter(RectificationItem::longTerm).count()).isGreaterThanOrEqualTo(2);

    Map<String, RectificationItem> byKey = items.stream()
        .collect(Collectors.toMap(RectificationItem::businessKey, Function.identity()));
    RectificationItem park = byKey.get("RI-ZY-1:anding");
    assertThat(park).isNotNull();
    assertThat(park.sourceCode()).isEqualTo("ZY");
    assertThat(park.round()).isEqualTo("第二轮");
    assertThat(park.feedbackDate()).isEqualTo(LocalDate.of(2021, 6, 10));
    assertThat(park.leadUnit()).isEqualTo("sthj");
    assertThat(park.acceptanceUnit()).isEqualTo("sthj");
    assertThat(park.responsibleUnit()).isEqualTo("安定区人民政府");
    assertThat(park.deadline()).isEqualTo(LocalDate.of(2025, 12, 31));
    assertThat(park.longTerm()).isFalse();
    assertThat(park.measures()).contains("雨污分流");

    // a row naming two counties becomes two items with the same problem number
    RectificationItem weiyuan = byKey.get("RI-ZY-2:weiyuan");
    RectificationItem zhangxian = byKey.get("RI-ZY-2:zhangxian");
    assertThat(weiyuan).isNotNull();
    assertThat(zhangxian).isNotNull();
    assertThat(weiyuan.problemNo()).isEqualTo(zhangxian.problemNo()).isEqualTo("2");
    assertThat(weiyuan.problem()).isEqualTo(zhangxian.problem());
    assertThat(weiyuan.leadUnit()).isEqualTo("yjglj");
    assertThat(weiyuan.deadline()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(byKey).containsKeys("RI-SJ-2:lintao", "RI-SJ-2:weiyuan", "RI-HTK-2:longxi", "RI-HTK-2:anding",
        "RI-ZY-5:tongwei", "RI-ZY-5:minxian");

    // the three date formats of 反馈日期
    assertThat(byKey.get("RI-SJ-1:minxian").feedbackDate()).isEqualTo(LocalDate.of(2022, 9, 16));
    assertThat(byKey.get("RI-HTK-1:minxian").feedbackDate()).isEqualTo(LocalDate.of(2023, 5, 18));
    assertThat(byKey.get("RI-SJ-3:anding").deadline()).isEqualTo(LocalDate.of(2025, 12, 31));

    RectificationItem standing = byKey.get("RI-ZY-6:anding");
    assertThat(standing.longTerm()).isTrue();
    assertThat(standing.deadline()).isNull();
  }

  @Test
  void demoLedgerSaysItIsIllustrative() {
    String text = new String(DemoLedger.bytes(), StandardCharsets.UTF_8);
    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo("# 示例数据（illustrative only）：以下问题为演示虚构，不是真实的督察反馈问题。");
  }

  @Test
  void sourceCodes() {
    assertThat(item("中央督察").sourceCode()).isEqualTo("ZY");
    assertThat(item("省督察").sourceCode()).isEqualTo("SJ");
    assertThat(item("回头看").sourceCode()).isEqualTo("HTK");
    assertThat(item("专项督察").sourceCode()).isEqualTo("ZX");
    assertThat(item("回头看").businessKey()).isEqualTo("RI-HTK-1:anding");
  }

  @Test
  void fingerprintCoversEveryField() {
    RectificationItem a = item("中央督察");
    RectificationItem b = new RectificationItem(a.source(), a.round(), a.feedbackDate(), a.problemNo(),
        a.problem(), a.county(), a.responsibleUnit(), a.leadUnit(), a.acceptanceUnit(),
        a.responsibleLeader(), a.deadline(), a.longTerm(), "另一措施");
    assertThat(a.fingerprint()).hasSize(64).isEqualTo(item("中央督察").fingerprint()).isNotEqualTo(b.fingerprint());
  }

  // ---------------------------------------------------------------- accepted variants

  @Test
  void aliasHeadersAndValueSpellingsAreAccepted() {
    String csv = "督察来源,督察轮次,反馈日期,序号,问题,责任县区,责任单位,牵头部门,验收单位,责任人,完成时限,是否长期坚持\n"
        + "省督察,第三轮,2022/9/16,A-1,问题一,安定,安定区生态环境分局,生态环境局,市水务局,区政府分管副区长,2025年6月底前,N\n"
        + "省督察,第三轮,2022年9月16日,A-2,问题二,通渭县,通渭县人民政府,市发改委,市生态环境局,县长,,Y\n"
        + "省督察,第三轮,2022-9-16,A-3,问题三,岷县,岷县人民政府,市住建局,市生态环境局,县长,长期坚持,true\n"
        + "专项督察,2024年,2024-08-22,A-3,问题四,全市,各县区人民政府,市林草局,市林草局,副市长,2027-03-31,false\n";

    List<RectificationItem> items = parser.parse("alias.csv", utf8(csv), MAX);

    assertThat(items).hasSize(3 + 7);
    RectificationItem first = items.get(0);
    assertThat(first.businessKey()).isEqualTo("RI-SJ-A-1:anding");
    assertThat(first.feedbackDate()).isEqualTo(LocalDate.of(2022, 9, 16));
    assertThat(first.leadUnit()).isEqualTo("sthj");
    assertThat(first.acceptanceUnit()).isEqualTo("swj");
    assertThat(first.deadline()).isEqualTo(LocalDate.of(2025, 6, 30));
    assertThat(first.measures()).isNull();
    assertThat(items.get(1).longTerm()).isTrue();
    assertThat(items.get(1).deadline()).isNull();
    assertThat(items.get(1).leadUnit()).isEqualTo("fgw");
    assertThat(items.get(2).longTerm()).isTrue();
    assertThat(items.get(2).feedbackDate()).isEqualTo(LocalDate.of(2022, 9, 16));
    // the same problem number under another source is another problem; 全市 means every county
    assertThat(items.subList(3, 10)).extracting(RectificationItem::businessKey)
        .containsExactlyElementsOf(ALL_COUNTIES.stream().map(c -> "RI-ZX-A-3:" + c).toList());
  }

  @Test
  void multiCountyRowExpandsInDirectoryOrder() {
    String csv = HEADER + GOOD.replace(",安定区,", ",\"岷县，安定区、通渭县\",");

    List<RectificationItem> items = parser.parse("multi.csv", utf8(csv), MAX);

    assertThat(items).extracting(RectificationItem::businessKey)
        .containsExactly("RI-ZY-1:anding", "RI-ZY-1:tongwei", "RI-ZY-1:minxian");
    assertThat(items).extracting(RectificationItem::problemNo).containsOnly("1");
  }

  @Test
  void leadingCommentLinesAreSkippedAndCountedInRowNumbers() {
    String csv = "\uFEFF# 示例数据（illustrative only）：仅供演示\n#, second comment, with commas\n"
        + HEADER + GOOD + GOOD.replace("安定区,安定区人民政府", "兰州区,安定区人民政府");

    List<ImportProblem> problems = problems("comment.csv", utf8(csv));

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "comment.csv", 5, "责任县区", "未知县区「兰州区」");
    assertThat(parser.parse("comment.csv", utf8(csv.replace("兰州区", "临洮县")), MAX)).hasSize(2);
    // a comment row further down is harmless too
    String later = HEADER + GOOD + "# 以下为补充问题\n" + GOOD.replace(",1,", ",2,");
    assertThat(parser.parse("later.csv", utf8(later), MAX)).extracting(RectificationItem::businessKey)
        .containsExactly("RI-ZY-1:anding", "RI-ZY-2:anding");
  }

  @Test
  void missingColumnAfterACommentNamesTheHeaderRow() {
    String csv = "# 注释\n" + HEADER.replace("验收单位,", "") + GOOD.replace("市生态环境局,市生态环境局", "市生态环境局");

    List<ImportProblem> problems = problems("c.csv", utf8(csv));

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "c.csv", 2, "验收单位", "缺少必需的列「验收单位」");
  }

  @Test
  void commentRowsAboveTheHeaderOfASheetAreSkipped() throws IOException {
    String[][] rows = {
        {"# 示例数据（illustrative only）：以下问题为演示虚构，不是真实的督察反馈问题。"},
        HEADER.strip().split(","),
        GOOD.strip().split(","),
        GOOD.strip().replace(",1,", ",2,").replace("市生态环境局,市生态环境局", "市宇宙局,市生态环境局").split(","),
    };
    byte[] xlsx = xlsx(rows, null);

    List<ImportProblem> problems = problems("c.xlsx", xlsx);

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "c.xlsx", 4, "牵头单位", "未知单位「市宇宙局」");
    rows[3] = rows[2];
    rows[3] = GOOD.strip().replace(",1,", ",2,").split(",");
    assertThat(parser.parse("c.xlsx", xlsx(rows, null), MAX)).extracting(RectificationItem::businessKey)
        .containsExactly("RI-ZY-1:anding", "RI-ZY-2:anding");
  }

  @Test
  void xlsxDateCellsAreRead() throws IOException {
    String[][] rows = {HEADER.strip().split(","), GOOD.strip().split(",")};
    byte[] xlsx = xlsx(rows, LocalDate.of(2021, 6, 8));

    RectificationItem item = parser.parse("d.xlsx", xlsx, MAX).get(0);

    assertThat(item.feedbackDate()).isEqualTo(LocalDate.of(2021, 6, 8));
  }

  // ---------------------------------------------------------------- bad ledgers

  @Test
  void missingColumnsAreAllNamed() {
    String csv = "来源,轮次,问题编号,问题描述,责任县区,责任单位,牵头单位,责任领导,整改时限\n" + "x\n";

    List<ImportProblem> problems = problems("m.csv", utf8(csv));

    assertThat(problems).extracting(ImportProblem::column).containsExactlyInAnyOrder("反馈日期", "验收单位");
    problems.forEach(p -> assertThat(p.row()).isEqualTo(1));
    assertThat(problems).extracting(ImportProblem::reason).allMatch(r -> r.startsWith("缺少必需的列"));
  }

  @Test
  void duplicateNamesTheRowOfTheFirst() {
    String csv = HEADER + GOOD + GOOD.replace(",1,", ",2,") + GOOD.replace("安定区,", "通渭县、安定区,");

    List<ImportProblem> problems = problems("dup.csv", utf8(csv));

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "dup.csv", 4, "问题编号", "与第2行重复");
    assertThat(problems.get(0).reason()).contains("「1」").contains("中央督察").contains("安定区");
  }

  @Test
  void sameNumberInAnotherSourceOrCountyIsNoDuplicate() {
    String csv = HEADER + GOOD + GOOD.replace("中央督察", "省督察") + GOOD.replace("安定区,", "漳县,");

    assertThat(parser.parse("ok.csv", utf8(csv), MAX)).extracting(RectificationItem::businessKey)
        .containsExactly("RI-ZY-1:anding", "RI-SJ-1:anding", "RI-ZY-1:zhangxian");
  }

  @Test
  void unknownSource() {
    List<ImportProblem> problems = problems("s.csv", utf8(HEADER + GOOD.replace("中央督察", "市督察")));

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "s.csv", 2, "来源", "未知督察来源「市督察」");
  }

  @Test
  void unknownCounty() {
    List<ImportProblem> problems = problems("c.csv", utf8(HEADER + GOOD.replace(",安定区,", ",安定区、兰州区,")));

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "c.csv", 2, "责任县区", "未知县区「兰州区」");
  }

  @Test
  void unknownUnits() {
    String csv = HEADER + GOOD.replace("市生态环境局,市生态环境局", "市宇宙局,市火星局")
        + GOOD.replace(",1,", ",2,").replace("市生态环境局,市生态环境局", "市生态环境局、市水务局,市生态环境局");

    List<ImportProblem> problems = problems("u.csv", utf8(csv));

    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), "u.csv", 2, "牵头单位", "未知单位「市宇宙局」");
    assertProblem(problems.get(1), "u.csv", 2, "验收单位", "未知单位「市火星局」");
    assertProblem(problems.get(2), "u.csv", 3, "牵头单位", "只能填写一个单位");
  }

  @Test
  void unparseableDates() {
    String csv = HEADER + GOOD.replace("2021-06-10", "2021年6月")
        + GOOD.replace(",1,", ",2,").replace("2021-06-10", "2021-02-30")
        + GOOD.replace(",1,", ",3,").replace("2025年底前", "明年");

    List<ImportProblem> problems = problems("d.csv", utf8(csv));

    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), "d.csv", 2, "反馈日期", "无法识别的反馈日期「2021年6月」");
    assertProblem(problems.get(1), "d.csv", 3, "反馈日期", "2021-02-30");
    assertProblem(problems.get(2), "d.csv", 4, "整改时限", "无法识别的整改时限「明年」");
  }

  @Test
  void emptyDeadlineMustBeMarkedLongTerm() {
    String csv = HEADER + GOOD.replace("2025年底前,否", ",否")
        + GOOD.replace(",1,", ",2,").replace("2025年底前,否", ",")
        + GOOD.replace(",1,", ",3,").replace("2025年底前,否", "2025年底前,是")
        + GOOD.replace(",1,", ",4,").replace("2025年底前,否", ",也许");

    List<ImportProblem> problems = problems("lt.csv", utf8(csv));

    assertThat(problems).hasSize(4);
    assertProblem(problems.get(0), "lt.csv", 2, "整改时限", "整改时限为空时须标注长期坚持");
    assertProblem(problems.get(1), "lt.csv", 3, "整改时限", "整改时限为空时须标注长期坚持");
    assertProblem(problems.get(2), "lt.csv", 4, "长期坚持", "整改时限应为空");
    assertProblem(problems.get(3), "lt.csv", 5, "长期坚持", "应为 是 或 否");
  }

  @Test
  void emptyRequiredFields() {
    String csv = HEADER + ",,,,,,,,,,2025年底前,否,\n";

    List<ImportProblem> problems = problems("e.csv", utf8(csv));

    assertThat(problems).extracting(ImportProblem::column).containsExactlyInAnyOrder(
        "来源", "轮次", "反馈日期", "问题编号", "问题描述", "责任县区", "责任单位", "牵头单位", "验收单位", "责任领导");
    problems.forEach(p -> {
      assertThat(p.row()).isEqualTo(2);
      assertThat(p.reason()).isEqualTo(p.column() + "为空");
    });
  }

  @Test
  void badProblemNumber() {
    List<ImportProblem> problems = problems("n.csv", utf8(HEADER + GOOD.replace(",1,", ",第1条,")));

    assertThat(problems).hasSize(1);
    assertProblem(problems.get(0), "n.csv", 2, "问题编号", "「第1条」");
  }

  @Test
  void everyProblemOfEveryRowIsReported() {
    String csv = HEADER
        + GOOD                                                                  // row 2: fine
        + GOOD.replace("中央督察", "国督察")                                       // row 3: source
        + GOOD.replace(",1,", ",2,").replace(",安定区,", ",兰州区,")                // row 4: county
        + GOOD.replace(",1,", ",3,").replace("市生态环境局,市生态环境局", "市宇宙局,市生态环境局") // row 5: lead
        + GOOD.replace(",1,", ",4,").replace("2021-06-10", "去年")                  // row 6: feedback date
        + GOOD                                                                  // row 7: duplicate of 2
        + GOOD.replace(",1,", ",5,").replace("第二轮", "").replace("区政府分管副区长", "") // row 8: two empties
        + GOOD.replace(",1,", ",6,");                                           // row 9: fine

    List<ImportProblem> problems = problems("many.csv", utf8(csv));

    List<String> where = new ArrayList<>();
    problems.forEach(p -> where.add(p.row() + ":" + p.column()));
    assertThat(where).containsExactly(
        "3:来源", "4:责任县区", "5:牵头单位", "6:反馈日期", "7:问题编号", "8:轮次", "8:责任领导");
    assertThat(problems.get(4).reason()).contains("与第2行重复");
    problems.forEach(p -> assertThat(p.file()).isEqualTo("many.csv"));
  }

  @Test
  void fileProblemsComeFromTheTableReader() {
    assertThat(problems("x.csv", new byte[0]).get(0).reason()).contains("文件为空");
    assertThat(problems("x.csv", utf8("# 只有注释\n# 没有表头\n")).get(0).reason()).contains("没有表头行");
    assertThat(problems("x.csv", utf8(HEADER)).get(0).reason()).contains("没有数据行");
    assertThat(problems("x.pdf", utf8(HEADER + GOOD)).get(0).reason()).contains("不支持的文件类型");
    byte[] gbk = ("# comment\n" + HEADER + GOOD).getBytes(java.nio.charset.Charset.forName("GBK"));
    ImportProblem encoding = problems("gbk.csv", gbk).get(0);
    assertThat(encoding.reason()).contains("UTF-8");
    assertThat(encoding.row()).as("the header, after the comment line").isEqualTo(2);
  }

  // ---------------------------------------------------------------- helpers

  private RectificationItem item(String source) {
    return parser.parse("one.csv", utf8(HEADER + GOOD.replace("中央督察", source)), MAX).get(0);
  }

  private List<ImportProblem> problems(String fileName, byte[] content) {
    List<ImportProblem> out = new ArrayList<>();
    assertThatThrownBy(() -> parser.parse(fileName, content, MAX))
        .isInstanceOfSatisfying(ImportRejectedException.class, e -> out.addAll(e.problems()));
    return out;
  }

  private static void assertProblem(ImportProblem p, String file, int row, String column, String reasonPart) {
    assertThat(p.file()).isEqualTo(file);
    assertThat(p.row()).as("row of %s", p).isEqualTo(row);
    assertThat(p.column()).as("column of %s", p).isEqualTo(column);
    assertThat(p.reason()).as("reason of %s", p).contains(reasonPart);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A workbook of text cells; with {@code feedbackDate}, 反馈日期 (column 3) of row 2 is a date cell. */
  static byte[] xlsx(String[][] rows, LocalDate feedbackDate) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("整改台账");
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      if (feedbackDate != null) {
        var cell = sheet.getRow(1).getCell(2);
        cell.setCellValue(feedbackDate);
        cell.setCellStyle(dateStyle);
      }
      wb.write(out);
      return out.toByteArray();
    }
  }
}
