package org.ecobureau.oversight.rectification;

import static org.ecobureau.oversight.support.ImportResponses.assertError;
import static org.ecobureau.oversight.support.ImportResponses.body;
import static org.ecobureau.oversight.support.ImportResponses.find;
import static org.ecobureau.oversight.support.ImportResponses.multipart;
import static org.ecobureau.oversight.support.ImportResponses.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecobureau.oversight.rectification.LedgerParserTest.GOOD;
import static org.ecobureau.oversight.rectification.LedgerParserTest.HEADER;
import static org.ecobureau.oversight.rectification.LedgerParserTest.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
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
 * Importing rectification ledgers through {@code POST /api/rectification/import}: every bad file
 * is refused as a whole with the row, column and reason of each problem and leaves the ledger
 * untouched; good CSV and XLSX files replace it. Every test leaves the demo ledger in place.
 */
@HttpTest
class LedgerImportTest {

  private static final String IMPORT = "/api/rectification/import";
  private static final String LIST = "/api/rectification";
  private static final int DEMO_ITEMS = 22;

  @Autowired private TestRestTemplate restTemplate;
  @Autowired private LedgerRepository repository;
  @Autowired private DemoLedger demoLedger;

  @AfterEach
  void restoreDemoLedger() {
    demoLedger.loadIfEmpty();
    ResponseEntity<String> response = upload("lead", "demo-ledger.csv", DemoLedger.bytes());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(body(response).get("total").asInt()).isEqualTo(DEMO_ITEMS);
    assertThat(repository.countActive()).isEqualTo(DEMO_ITEMS);
  }

  // ---------------------------------------------------------------- bad files

  @Test
  void missingColumnIsRefused() {
    var before = snapshot();
    String csv = HEADER.replace("验收单位,", "") + GOOD.replace("市生态环境局,市生态环境局", "市生态环境局");

    JsonNode errors = rejected(upload("lead", "no-acceptance.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "no-acceptance.csv", 1, "验收单位", "缺少必需的列「验收单位」");
    assertUnchanged(before);
  }

  @Test
  void duplicateNamesTheFirstRow() {
    var before = snapshot();
    String csv = HEADER + GOOD + GOOD.replace(",1,", ",2,") + GOOD.replace(",安定区,", ",\"临洮县、安定区\",");

    JsonNode errors = rejected(upload("lead", "dup.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "dup.csv", 4, "问题编号", "与第2行重复");
    assertUnchanged(before);
  }

  @Test
  void unknownSourceIsRefused() {
    var before = snapshot();

    JsonNode errors = rejected(upload("lead", "source.csv", utf8(HEADER + GOOD.replace("中央督察", "市级巡查"))));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "source.csv", 2, "来源", "未知督察来源「市级巡查」");
    assertUnchanged(before);
  }

  @Test
  void unknownCountyIsRefused() {
    var before = snapshot();

    JsonNode errors = rejected(upload("lead", "county.csv", utf8(HEADER + GOOD.replace(",安定区,", ",兰州区,"))));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "county.csv", 2, "责任县区", "未知县区「兰州区」");
    assertUnchanged(before);
  }

  @Test
  void unknownUnitIsRefused() {
    var before = snapshot();
    String csv = HEADER + GOOD + GOOD.replace(",1,", ",2,").replace("市生态环境局,市生态环境局", "市生态环境局,市宇宙局");

    JsonNode errors = rejected(upload("lead", "unit.csv", utf8(csv)));

    assertThat(errors).hasSize(1);
    assertError(errors.get(0), "unit.csv", 3, "验收单位", "未知单位「市宇宙局」");
    assertUnchanged(before);
  }

  @Test
  void badDatesAreRefused() {
    var before = snapshot();
    String csv = HEADER + GOOD.replace("2021-06-10", "2021.13.40") + GOOD.replace(",1,", ",2,").replace("2025年底前", "尽快");

    JsonNode errors = rejected(upload("lead", "date.csv", utf8(csv)));

    assertThat(errors).hasSize(2);
    assertError(errors.get(0), "date.csv", 2, "反馈日期", "无法识别的反馈日期「2021.13.40」");
    assertError(errors.get(1), "date.csv", 3, "整改时限", "无法识别的整改时限「尽快」");
    assertUnchanged(before);
  }

  @Test
  void gbkEncodedCsvIsRefused() {
    var before = snapshot();
    byte[] gbk = (HEADER + GOOD).getBytes(Charset.forName("GBK"));

    JsonNode errors = rejected(upload("lead", "gbk.csv", gbk));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("file").asText()).isEqualTo("gbk.csv");
    assertThat(errors.get(0).get("row").asInt()).isEqualTo(1);
    assertThat(errors.get(0).get("reason").asText()).contains("UTF-8").contains("GBK");
    assertUnchanged(before);
  }

  @Test
  void xlsxThatIsNotAWorkbookIsRefused() {
    var before = snapshot();
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);

    JsonNode errors = rejected(upload("lead", "台账.xlsx", junk));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("file").asText()).isEqualTo("台账.xlsx");
    assertThat(errors.get(0).get("row").isNull()).isTrue();
    assertThat(errors.get(0).get("reason").asText()).contains("不是有效的 Excel 工作簿");
    assertUnchanged(before);
  }

  @Test
  void csvNamedXlsxIsRefused() {
    var before = snapshot();

    JsonNode errors = rejected(upload("lead", "ledger.xlsx", utf8(HEADER + GOOD)));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("reason").asText()).contains("不是有效的 Excel 工作簿");
    assertUnchanged(before);
  }

  @Test
  void tenMegabytesOfJunkIsRefusedForItsSize() {
    var before = snapshot();
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
    var before = snapshot();
    String csv = HEADER
        + GOOD                                                                     // row 2: fine
        + GOOD.replace(",1,", ",2,").replace("中央督察", "市督察")                    // row 3: source
        + GOOD.replace(",1,", ",3,").replace(",安定区,", ",兰州区,")                 // row 4: county
        + GOOD.replace(",1,", ",4,").replace("市生态环境局,市生态环境局", "市宇宙局,市生态环境局") // row 5: lead unit
        + GOOD.replace(",1,", ",5,").replace("2021-06-10", "去年六月")               // row 6: feedback date
        + GOOD                                                                     // row 7: duplicate of 2
        + GOOD.replace(",1,", ",7,").replace("2025年底前,否", ",否")                  // row 8: no deadline, not long-term
        + GOOD.replace(",1,", ",8,").replace("工业园区污水收集处理设施不完善", "");       // row 9: empty problem

    ResponseEntity<String> response = upload("lead", "many.csv", utf8(csv));
    JsonNode errors = rejected(response);

    List<String> where = new ArrayList<>();
    errors.forEach(e -> where.add(e.get("row").asInt() + ":" + e.get("column").asText()));
    assertThat(where).containsExactly(
        "3:来源", "4:责任县区", "5:牵头单位", "6:反馈日期", "7:问题编号", "8:整改时限", "9:问题描述");
    assertThat(body(response).get("message").asText()).contains("共 7 处错误");
    assertThat(find(errors, 7, "问题编号").get("reason").asText()).contains("与第2行重复");
    assertThat(find(errors, 8, "整改时限").get("reason").asText()).isEqualTo("整改时限为空时须标注长期坚持");
    assertThat(find(errors, 9, "问题描述").get("reason").asText()).isEqualTo("问题描述为空");
    errors.forEach(e -> assertThat(e.get("file").asText()).isEqualTo("many.csv"));
    assertUnchanged(before);
  }

  // ---------------------------------------------------------------- good files

  @Test
  void csvLedgerReplacesTheLedger() {
    var before = snapshot();
    String csv = HEADER + GOOD
        + GOOD.replace(",1,", ",2,").replace(",安定区,", ",\"通渭县、岷县\",").replace("2025年底前,否", ",是")
        + GOOD.replace("中央督察", "回头看").replace("市生态环境局,市生态环境局", "市水务局,市自然资源局");
    Set<String> keys = Set.of("RI-ZY-1:anding", "RI-ZY-2:tongwei", "RI-ZY-2:minxian", "RI-HTK-1:anding");

    ResponseEntity<String> response = upload("lead", "ledger.csv", utf8(csv));

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = body(response);
    long fresh = keys.stream().filter(k -> !before.containsKey(k)).count();
    long activeBefore = before.values().stream().filter(v -> !LedgerRepository.RETIRED.equals(v)).count();
    long keptActive = keys.stream().filter(k -> before.containsKey(k) && !LedgerRepository.RETIRED.equals(before.get(k))).count();
    assertThat(result.get("total").asInt()).isEqualTo(4);
    assertThat(result.get("created").asInt()).isEqualTo(fresh);
    assertThat(result.get("created").asInt() + result.get("updated").asInt() + result.get("unchanged").asInt()).isEqualTo(4);
    assertThat(result.get("retired").asLong()).isEqualTo(activeBefore - keptActive);
    assertThat(repository.findActive()).extracting(RectificationItem::businessKey).containsExactlyInAnyOrderElementsOf(keys);

    RectificationItem park = repository.find("RI-ZY-1:anding").orElseThrow();
    assertThat(park.feedbackDate()).isEqualTo(LocalDate.of(2021, 6, 10));
    assertThat(park.deadline()).isEqualTo(LocalDate.of(2025, 12, 31));
    assertThat(park.leadUnit()).isEqualTo("sthj");
    assertThat(park.longTerm()).isFalse();
    RectificationItem standing = repository.find("RI-ZY-2:minxian").orElseThrow();
    assertThat(standing.longTerm()).isTrue();
    assertThat(standing.deadline()).isNull();
    assertThat(repository.find("RI-HTK-1:anding").orElseThrow().acceptanceUnit()).isEqualTo("zrzyj");
    assertThat(repository.find("RI-ZY-3:longxi")).as("retired").isEmpty();

    // any signed-in user may read the ledger, with names resolved
    ResponseEntity<String> list = restTemplate.withBasicAuth("anding", "demo").getForEntity(LIST, String.class);
    assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(HttpStatus.OK);
    List<String> listed = new ArrayList<>();
    body(list).forEach(t -> listed.add(t.get("businessKey").asText()));
    assertThat(listed).containsExactly("RI-ZY-1:anding", "RI-ZY-2:tongwei", "RI-ZY-2:minxian", "RI-HTK-1:anding");
    JsonNode lookBack = body(list).get(3);
    assertThat(lookBack.get("source").asText()).isEqualTo("回头看");
    assertThat(lookBack.get("sourceCode").asText()).isEqualTo("HTK");
    assertThat(lookBack.get("county").asText()).isEqualTo("安定区");
    assertThat(lookBack.get("countyCode").asText()).isEqualTo("anding");
    assertThat(lookBack.get("leadUnit").asText()).isEqualTo("市水务局");
    assertThat(lookBack.get("acceptanceUnit").asText()).isEqualTo("市自然资源局");
    assertThat(lookBack.get("feedbackDate").asText()).isEqualTo("2021-06-10");
    assertThat(lookBack.get("deadline").asText()).isEqualTo("2025-12-31");
    assertThat(body(list).get(2).get("longTerm").asBoolean()).isTrue();
    assertThat(body(list).get(2).get("deadline").isNull()).isTrue();
  }

  @Test
  void xlsxLedgerWithCommentRowAndDateCellImports() throws IOException {
    String[][] rows = {
        {"# 示例数据（illustrative only）"},
        HEADER.strip().split(","),
        GOOD.strip().replace(",1,", ",X-1,").replace(",安定区,", ",漳县,").split(","),
    };
    byte[] xlsx = LedgerParserTest.xlsx(rows, null);
    // the date cell sits in the sheet's third row here
    xlsx = withDateCell(xlsx, 2, 2, LocalDate.of(2022, 9, 16));

    ResponseEntity<String> response = upload("lead", "整改台账.xlsx", xlsx);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(body(response).get("total").asInt()).isEqualTo(1);
    assertThat(repository.findActive()).extracting(RectificationItem::businessKey).containsExactly("RI-ZY-X-1:zhangxian");
    assertThat(repository.find("RI-ZY-X-1:zhangxian").orElseThrow().feedbackDate()).isEqualTo(LocalDate.of(2022, 9, 16));
  }

  @Test
  void importingTheSameFileTwiceChangesNothingTheSecondTime() {
    ResponseEntity<String> first = upload("lead", "demo-ledger.csv", DemoLedger.bytes());
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
    var afterFirst = snapshot();

    ResponseEntity<String> second = upload("lead", "demo-ledger.csv", DemoLedger.bytes());

    assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = body(second);
    assertThat(result.get("total").asInt()).isEqualTo(DEMO_ITEMS);
    assertThat(result.get("created").asInt()).isZero();
    assertThat(result.get("updated").asInt()).isZero();
    assertThat(result.get("unchanged").asInt()).isEqualTo(DEMO_ITEMS);
    assertThat(result.get("retired").asInt()).isZero();
    assertThat(snapshot()).isEqualTo(afterFirst);
    assertThat(demoLedger.loadIfEmpty()).as("the ledger is not empty").isFalse();
  }

  @Test
  void aChangedRowIsUpdatedAndARetiredOneComesBack() {
    upload("lead", "demo-ledger.csv", DemoLedger.bytes());
    String demo = new String(DemoLedger.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    String changed = demo.replace("2026年6月底前", "2026年9月底前")        // ZY-2 in two counties, HTK-1
        .lines().filter(l -> !l.startsWith("专项督察,黄河流域生态保护专项督察,2024-08-22,3,"))
        .collect(Collectors.joining("\n", "", "\n"));

    JsonNode result = body(upload("lead", "changed.csv", utf8(changed)));

    assertThat(result.get("total").asInt()).isEqualTo(DEMO_ITEMS - 1);
    assertThat(result.get("updated").asInt()).isEqualTo(3);
    assertThat(result.get("unchanged").asInt()).isEqualTo(DEMO_ITEMS - 4);
    assertThat(result.get("retired").asInt()).isEqualTo(1);
    assertThat(repository.find("RI-ZY-2:weiyuan").orElseThrow().deadline()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(repository.find("RI-ZX-3:tongwei")).isEmpty();
    assertThat(repository.fingerprints()).containsEntry("RI-ZX-3:tongwei", LedgerRepository.RETIRED);

    JsonNode back = body(upload("lead", "demo-ledger.csv", DemoLedger.bytes()));
    assertThat(back.get("updated").asInt()).isEqualTo(4);
    assertThat(back.get("created").asInt()).isZero();
    assertThat(repository.find("RI-ZX-3:tongwei")).isPresent();
  }

  // ---------------------------------------------------------------- who may import

  @Test
  void countyUnitAndSupervisorUsersAreForbidden() {
    var before = snapshot();

    for (String user : List.of("anding", "sthj", "supervisor")) {
      ResponseEntity<String> response = upload(user, "t.csv", utf8(HEADER + GOOD));
      assertThat(response.getStatusCode()).as("%s: %s", user, response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(body(response).get("message").asText()).contains("lead");
    }
    assertUnchanged(before);
  }

  @Test
  void adminMayImport() {
    ResponseEntity<String> response = upload("admin", "demo-ledger.csv", DemoLedger.bytes());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(body(response).get("total").asInt()).isEqualTo(DEMO_ITEMS);
  }

  @Test
  void anonymousAndUnknownUserAreUnauthorized() {
    var before = snapshot();

    ResponseEntity<String> anonymous = restTemplate.postForEntity(IMPORT, multipart("t.csv", utf8(HEADER + GOOD)), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(restTemplate.getForEntity(LIST, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    // not a real user: a wrong password for one would lock it out of later tests for a few seconds
    ResponseEntity<String> wrong = restTemplate.withBasicAuth("nobody", "demo")
        .postForEntity(IMPORT, multipart("t.csv", utf8(HEADER + GOOD)), String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertUnchanged(before);
  }

  // ---------------------------------------------------------------- helpers

  private Map<String, String> snapshot() {
    return repository.fingerprints();
  }

  private ResponseEntity<String> upload(String user, String fileName, byte[] content) {
    TestRestTemplate client = user == null ? restTemplate : restTemplate.withBasicAuth(user, "demo");
    return client.postForEntity(IMPORT, multipart(fileName, content), String.class);
  }


  private static byte[] withDateCell(byte[] xlsx, int row, int column, LocalDate date) throws IOException {
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx));
        var out = new java.io.ByteArrayOutputStream()) {
      var style = wb.createCellStyle();
      style.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
      var cell = wb.getSheetAt(0).getRow(row).getCell(column);
      cell.setCellValue(date);
      cell.setCellStyle(style);
      wb.write(out);
      return out.toByteArray();
    }
  }





  private void assertUnchanged(Map<String, String> before) {
    assertThat(repository.fingerprints()).as("ledger after a refused import").isEqualTo(before);
    long active = before.values().stream().filter(v -> !LedgerRepository.RETIRED.equals(v)).count();
    assertThat(repository.countActive()).isEqualTo(active);
    assertThat(repository.findActive().stream().map(RectificationItem::businessKey).collect(Collectors.toSet()))
        .isEqualTo(before.entrySet().stream().filter(e -> !LedgerRepository.RETIRED.equals(e.getValue()))
            .map(Map.Entry::getKey).collect(Collectors.toSet()));
  }
}
