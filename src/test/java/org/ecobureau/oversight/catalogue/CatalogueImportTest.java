package org.ecobureau.oversight.catalogue;

import static org.ecobureau.oversight.support.ImportResponses.assertError;
import static org.ecobureau.oversight.support.ImportResponses.body;
import static org.ecobureau.oversight.support.ImportResponses.find;
import static org.ecobureau.oversight.support.ImportResponses.multipart;
import static org.ecobureau.oversight.support.ImportResponses.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ecobureau.oversight.support.HttpTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Importing key-task tables through {@code POST /api/catalogue/import}: every bad file is refused
 * as a whole with the row, column and reason of each problem and leaves the catalogue untouched;
 * good CSV and XLSX files replace it. Every test leaves the bundled catalogue in place.
 */
@HttpTest
class CatalogueImportTest {

  private static final String IMPORT = "/api/catalogue/import";
  private static final String BUNDLED = "catalog/key-tasks.csv";
  private static final int BUNDLED_TASKS = 162;
  private static final List<String> ALL_COUNTIES =
      List.of("anding", "tongwei", "longxi", "weiyuan", "lintao", "zhangxian", "minxian");

  /** Our own catalogue's columns (a subset of the bundled file's). */
  private static final String HEADER = "序号,重点任务,工作措施,牵头单位,配合单位,责任县区,完成时限,报送频次\n";

  @Autowired private TestRestTemplate restTemplate;
  @Autowired private CatalogueRepository repository;

  @AfterEach
  void restoreBundledCatalogue() throws IOException {
    ResponseEntity<String> response = upload("lead", "key-tasks.csv", bundled());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(body(response).get("total").asInt()).isEqualTo(BUNDLED_TASKS);
    assertThat(repository.countActive()).isEqualTo(BUNDLED_TASKS);
  }

  // ---------------------------------------------------------------- bad files

  @Test
  void missingLeadColumnIsRefused() {
    var before = repository.fingerprints();
    String csv = "序号,重点任务,工作措施,责任县区,完成时限\n"
        + "T-1,测试任务,测试措施,全部,2022年底前\n";

    JsonNode errors = rejected(upload("lead", "no-lead.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "no-lead.csv", 1, "牵头单位", "缺少必需的列");
    assertThat(errors.get(0).get("reason").asText()).contains("牵头部门");
    assertUnchanged(before);
  }

  @Test
  void duplicateCodeNamesTheFirstRow() {
    var before = repository.fingerprints();
    String csv = HEADER
        + "T-1,任务一,措施一,市生态环境局,,全部,2022年底前,月报\n"
        + "T-2,任务二,措施二,市生态环境局,,全部,2022年底前,月报\n"
        + "T-1,任务三,措施三,市发展改革委,,全部,长期坚持,季报\n";

    JsonNode errors = rejected(upload("lead", "dup.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "dup.csv", 4, "序号", "与第2行重复");
    assertThat(errors.get(0).get("reason").asText()).contains("T-1");
    assertUnchanged(before);
  }

  @Test
  void unparseableDeadlineIsRefused() {
    var before = repository.fingerprints();
    String csv = HEADER
        + "T-1,任务一,措施一,市生态环境局,,全部,2022年底前,月报\n"
        + "T-2,任务二,措施二,市生态环境局,,全部,明年,月报\n";

    JsonNode errors = rejected(upload("lead", "deadline.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "deadline.csv", 3, "完成时限", "无法识别的完成时限「明年」");
    assertUnchanged(before);
  }

  @Test
  void unknownCountyIsRefused() {
    var before = repository.fingerprints();
    String csv = HEADER
        + "T-1,任务一,措施一,市生态环境局,,安定区、兰州区,2022年底前,月报\n";

    JsonNode errors = rejected(upload("lead", "county.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "county.csv", 2, "责任县区", "兰州区");
    assertUnchanged(before);
  }

  @Test
  void unknownLeadUnitIsRefused() {
    var before = repository.fingerprints();
    String csv = HEADER
        + "T-1,任务一,措施一,市生态环境局,,全部,2022年底前,月报\n"
        + "T-2,任务二,措施二,市宇宙局,,全部,2022年底前,月报\n";

    JsonNode errors = rejected(upload("lead", "unit.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "unit.csv", 3, "牵头单位", "未知单位「市宇宙局」");
    assertUnchanged(before);
  }

  @Test
  void gbkEncodedCsvIsRefused() {
    var before = repository.fingerprints();
    String csv = HEADER
        + "T-1,任务一,措施一,市生态环境局,,全部,2022年底前,月报\n";
    byte[] gbk = csv.getBytes(Charset.forName("GBK"));

    JsonNode errors = rejected(upload("lead", "gbk.csv", gbk));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("file").asText()).isEqualTo("gbk.csv");
    assertThat(errors.get(0).get("row").asInt()).as("the header line is already not UTF-8").isEqualTo(1);
    assertThat(errors.get(0).get("reason").asText()).contains("UTF-8").contains("GBK");
    assertUnchanged(before);
  }

  @Test
  void xlsxThatIsNotAWorkbookIsRefused() {
    var before = repository.fingerprints();
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);

    JsonNode errors = rejected(upload("lead", "x.xlsx", junk));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("file").asText()).isEqualTo("x.xlsx");
    assertThat(errors.get(0).get("row").isNull()).isTrue();
    assertThat(errors.get(0).get("reason").asText()).contains("不是有效的 Excel 工作簿");
    assertUnchanged(before);
  }

  @Test
  void tenMegabytesOfJunkIsRefusedForItsSize() {
    var before = repository.fingerprints();
    byte[] junk = new byte[10 * 1024 * 1024];
    new Random(11).nextBytes(junk);

    JsonNode errors = rejected(upload("lead", "junk.csv", junk));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("file").asText()).isEqualTo("junk.csv");
    assertThat(errors.get(0).get("reason").asText()).contains(String.valueOf(junk.length)).contains("超过上限");
    assertUnchanged(before);
  }

  @Test
  void everyProblemOfAFileIsReported() {
    var before = repository.fingerprints();
    String csv = HEADER
        + "T-1,任务一,措施一,市宇宙局,,全部,2022年底前,月报\n"          // row 2: unknown lead
        + "T-2,任务二,措施二,市生态环境局,,全部,明年,月报\n"            // row 3: bad deadline
        + "T-3,任务三,措施三,市生态环境局,,兰州区,到2025年,月报\n"      // row 4: unknown county
        + "T-1,任务四,措施四,市生态环境局,,全部,长期坚持,季报\n"         // row 5: duplicate of row 2
        + "T-5,任务五,措施五,市生态环境局,,全部,长期坚持,年报\n"         // row 6: bad cadence
        + "T-6,,措施六,,,全部,长期坚持,季报\n"                         // row 7: no title and no lead
        + "T-7,任务七,措施七,市生态环境局,市火星局,全部,2022年6月底前,月报\n" // row 8: unknown coop unit
        + "T-8,任务八,措施八,市生态环境局,,全部,2022年底前,月报\n";         // row 9: fine

    ResponseEntity<String> response = upload("lead", "many.csv", utf8(csv));
    JsonNode errors = rejected(response);

    List<String> where = new ArrayList<>();
    errors.forEach(e -> where.add(e.get("row").asInt() + ":" + e.get("column").asText()));
    assertThat(where).containsExactlyInAnyOrder(
        "2:牵头单位", "3:完成时限", "4:责任县区", "5:序号", "6:报送频次", "7:重点任务", "7:牵头单位", "8:配合单位");
    assertThat(body(response).get("message").asText()).contains("共 8 处错误");
    assertThat(find(errors, 5, "序号").get("reason").asText()).contains("与第2行重复");
    assertThat(find(errors, 6, "报送频次").get("reason").asText()).contains("年报");
    assertThat(find(errors, 7, "重点任务").get("reason").asText()).contains("重点任务为空");
    assertThat(find(errors, 7, "牵头单位").get("reason").asText()).contains("牵头单位为空");
    assertThat(find(errors, 8, "配合单位").get("reason").asText()).contains("市火星局");
    errors.forEach(e -> assertThat(e.get("file").asText()).isEqualTo("many.csv"));
    assertUnchanged(before);
  }

  // ---------------------------------------------------------------- good files

  @Test
  void officialDivisionTableImports() {
    var before = repository.fingerprints();
    long activeBefore = repository.countActive();
    String csv = "序号,重点任务,工作措施,牵头部门,责任单位,完成时限\n"
        + "GF-1,城市建成区扬尘治理,落实“六个百分之百”,市生态环境局,安定区、市住建局,2022年底前\n"
        + "GF-2,秸秆综合利用,推进秸秆还田,农业农村局,各县区,长期坚持\n"
        + "GF-3,入河排污口排查整治,完成排查,生态环境局、市水务局,\"通渭县，陇西县\",到2025年\n";
    Set<String> codes = Set.of("GF-1", "GF-2", "GF-3");

    ResponseEntity<String> response = upload("lead", "official.csv", utf8(csv));

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = body(response);
    long fresh = codes.stream().filter(c -> !before.containsKey(c)).count();
    assertThat(result.get("total").asInt()).isEqualTo(3);
    assertThat(result.get("created").asInt()).isEqualTo(fresh);
    assertThat(result.get("updated").asInt()).isEqualTo(3 - fresh);
    assertThat(result.get("unchanged").asInt()).isZero();
    assertThat(result.get("retired").asLong()).isEqualTo(activeBefore);
    assertThat(repository.findActive()).extracting(KeyTask::code).containsExactlyInAnyOrderElementsOf(codes);

    KeyTask dust = repository.find("GF-1").orElseThrow();
    assertThat(dust.leadUnits()).containsExactly("sthj");
    assertThat(dust.counties()).containsExactly("anding");
    // 责任单位 of an official table: a unit named there carries the task itself (承办)
    assertThat(dust.units()).containsExactly("zjj");
    assertThat(dust.coopUnits()).isEmpty();
    assertThat(dust.deadline()).isEqualTo(LocalDate.of(2022, 12, 31));
    assertThat(dust.deadlineText()).isEqualTo("2022年底前");
    assertThat(dust.content()).isEqualTo("落实“六个百分之百”");
    assertThat(dust.cadence()).isEqualTo(KeyTask.MONTHLY);

    KeyTask straw = repository.find("GF-2").orElseThrow();
    assertThat(straw.leadUnits()).containsExactly("nyncj");
    assertThat(straw.counties()).containsExactlyElementsOf(ALL_COUNTIES);
    assertThat(straw.coopUnits()).isEmpty();
    assertThat(straw.units()).isEmpty();
    assertThat(straw.standing()).isTrue();
    assertThat(straw.cadence()).isEqualTo(KeyTask.QUARTERLY);

    KeyTask outfalls = repository.find("GF-3").orElseThrow();
    assertThat(outfalls.leadUnits()).containsExactly("sthj", "swj");
    assertThat(outfalls.counties()).containsExactly("tongwei", "longxi");
    assertThat(outfalls.deadline()).isEqualTo(LocalDate.of(2025, 12, 31));

    // the API lists exactly what was imported
    ResponseEntity<String> list = restTemplate.withBasicAuth("supervisor", "demo").getForEntity("/api/catalogue", String.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> listed = new ArrayList<>();
    body(list).forEach(t -> listed.add(t.get("code").asText()));
    assertThat(listed).containsExactly("GF-1", "GF-2", "GF-3");
  }

  @Test
  void xlsxWithDateCellImports() throws IOException {
    var before = repository.fingerprints();
    byte[] xlsx;
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("重点任务分工");
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      Row header = sheet.createRow(0);
      String[] columns = {"序号", "重点任务", "工作措施", "牵头单位", "责任县区", "完成时限", "报送频次"};
      for (int c = 0; c < columns.length; c++) {
        header.createCell(c).setCellValue(columns[c]);
      }
      Row r1 = sheet.createRow(1);
      r1.createCell(0).setCellValue("XL-1");
      r1.createCell(1).setCellValue("工业炉窑综合治理");
      r1.createCell(2).setCellValue("完成工业炉窑分类整治");
      r1.createCell(3).setCellValue("市工信局");
      r1.createCell(4).setCellValue("陇西县、临洮县");
      var date = r1.createCell(5);
      date.setCellValue(LocalDate.of(2025, 6, 30));
      date.setCellStyle(dateStyle);
      r1.createCell(6).setCellValue("月报");
      // row 3 left empty on purpose: skipped, row numbers follow the sheet
      Row r3 = sheet.createRow(3);
      r3.createCell(0).setCellValue(7);   // a numeric code, as Excel users type it
      r3.createCell(1).setCellValue("加强噪声污染防治");
      r3.createCell(3).setCellValue("生态环境局");
      r3.createCell(4).setCellValue("全部");
      r3.createCell(5).setCellValue("长期坚持");
      wb.write(out);
      xlsx = out.toByteArray();
    }

    ResponseEntity<String> response = upload("lead", "分工表.xlsx", xlsx);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = body(response);
    assertThat(result.get("total").asInt()).isEqualTo(2);
    assertThat(result.get("created").asInt() + result.get("updated").asInt()).isEqualTo(2);
    assertThat(repository.findActive()).extracting(KeyTask::code).containsExactlyInAnyOrder("XL-1", "7");

    KeyTask kilns = repository.find("XL-1").orElseThrow();
    assertThat(kilns.deadline()).isEqualTo(LocalDate.of(2025, 6, 30));
    assertThat(kilns.leadUnits()).containsExactly("gxj");
    assertThat(kilns.counties()).containsExactly("longxi", "lintao");
    assertThat(kilns.cadence()).isEqualTo(KeyTask.MONTHLY);
    KeyTask noise = repository.find("7").orElseThrow();
    assertThat(noise.standing()).isTrue();
    assertThat(noise.counties()).containsExactlyElementsOf(ALL_COUNTIES);
    assertThat(before).isNotEmpty();
  }

  @Test
  void xlsxErrorsNameTheSheetRow() throws IOException {
    var before = repository.fingerprints();
    byte[] xlsx;
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet();
      String[][] rows = {
          {"序号", "重点任务", "牵头部门", "责任单位", "完成时限"},
          {"XL-1", "任务一", "市生态环境局", "全部", "2022年底前"},
          {"XL-2", "任务二", "市宇宙局", "全部", "2022年底前"},
      };
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      wb.write(out);
      xlsx = out.toByteArray();
    }

    JsonNode errors = rejected(upload("lead", "bad.xlsx", xlsx));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "bad.xlsx", 3, "牵头部门", "未知单位「市宇宙局」");
    assertUnchanged(before);
  }

  @Test
  void importingTheSameFileTwiceChangesNothingTheSecondTime() {
    String csv = HEADER
        + "TW-1,任务一,措施一,市生态环境局,市住建局,安定区,2022年底前,月报\n"
        + "TW-2,任务二,措施二,市发展改革委,,全部,长期坚持,季报\n"
        + "TW-3,任务三,措施三,市水务局,,渭源县、漳县,2023年3月15日前,月报\n";

    ResponseEntity<String> first = upload("lead", "twice.csv", utf8(csv));
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
    var afterFirst = repository.fingerprints();

    ResponseEntity<String> second = upload("lead", "twice.csv", utf8(csv));

    assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = body(second);
    assertThat(result.get("total").asInt()).isEqualTo(3);
    assertThat(result.get("created").asInt()).isZero();
    assertThat(result.get("updated").asInt()).isZero();
    assertThat(result.get("unchanged").asInt()).isEqualTo(3);
    assertThat(result.get("retired").asInt()).isZero();
    assertThat(repository.fingerprints()).isEqualTo(afterFirst);
  }

  @Test
  void reimportingTheBundledCatalogueChangesNothing() throws IOException {
    upload("lead", "key-tasks.csv", bundled());
    var before = repository.fingerprints();

    ResponseEntity<String> response = upload("lead", "key-tasks.csv", bundled());

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = body(response);
    assertThat(result.get("total").asInt()).isEqualTo(BUNDLED_TASKS);
    assertThat(result.get("created").asInt()).isZero();
    assertThat(result.get("updated").asInt()).isZero();
    assertThat(result.get("unchanged").asInt()).isEqualTo(BUNDLED_TASKS);
    assertThat(result.get("retired").asInt()).isZero();
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- who may import

  @Test
  void countyAndUnitUsersAreForbidden() {
    var before = repository.fingerprints();
    String csv = HEADER + "T-1,任务一,措施一,市生态环境局,,全部,2022年底前,月报\n";

    for (String user : List.of("anding", "sthj", "supervisor")) {
      ResponseEntity<String> response = upload(user, "t.csv", utf8(csv));
      assertThat(response.getStatusCode()).as("%s: %s", user, response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(body(response).get("message").asText()).contains("lead");
    }
    assertUnchanged(before);
  }

  @Test
  void adminMayImport() throws IOException {
    ResponseEntity<String> response = upload("admin", "key-tasks.csv", bundled());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(body(response).get("total").asInt()).isEqualTo(BUNDLED_TASKS);
  }

  @Test
  void anonymousAndUnknownUserAreUnauthorized() {
    var before = repository.fingerprints();
    String csv = HEADER + "T-1,任务一,措施一,市生态环境局,,全部,2022年底前,月报\n";

    ResponseEntity<String> anonymous = restTemplate.postForEntity(IMPORT, multipart("t.csv", utf8(csv)), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

    // not a real user: a wrong password for one would lock it out of later tests for a few seconds
    ResponseEntity<String> wrong = restTemplate.withBasicAuth("nobody", "demo")
        .postForEntity(IMPORT, multipart("t.csv", utf8(csv)), String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertUnchanged(before);
  }

  // ---------------------------------------------------------------- helpers

  private ResponseEntity<String> upload(String user, String fileName, byte[] content) {
    TestRestTemplate client = user == null ? restTemplate : restTemplate.withBasicAuth(user, "demo");
    return client.postForEntity(IMPORT, multipart(fileName, content), String.class);
  }


  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bundled() throws IOException {
    try (InputStream in = CatalogueImportTest.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      assertThat(in).isNotNull();
      return in.readAllBytes();
    }
  }





  private void assertUnchanged(Map<String, String> before) {
    assertThat(repository.fingerprints()).as("catalogue after a refused import").isEqualTo(before);
    long active = before.values().stream().filter(v -> !"retired".equals(v)).count();
    assertThat(repository.countActive()).isEqualTo(active);
    assertThat(repository.findActive().stream().map(KeyTask::code).collect(Collectors.toSet()))
        .isEqualTo(before.entrySet().stream().filter(e -> !"retired".equals(e.getValue()))
            .map(Map.Entry::getKey).collect(Collectors.toSet()));
  }
}
