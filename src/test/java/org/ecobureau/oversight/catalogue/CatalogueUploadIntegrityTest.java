package org.ecobureau.oversight.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecobureau.oversight.support.ImportResponses.body;
import static org.ecobureau.oversight.support.ImportResponses.multipart;
import static org.ecobureau.oversight.support.ImportResponses.rejected;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ecobureau.oversight.support.CraftedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Imports read what a person sees in Excel, or refuse naming the cell, region or sheet; no upload
 * costs more than its limits; a refusal lists at most the first problems with their total.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@ActiveProfiles("test")
class CatalogueUploadIntegrityTest {

  private static final String IMPORT = "/api/catalogue/import";
  private static final String[] COLUMNS = {"章", "节", "序号", "重点任务", "牵头单位", "责任县区", "完成时限"};

  @Autowired private TestRestTemplate restTemplate;
  @Autowired private CatalogueRepository repository;

  @AfterEach
  void restoreBundledCatalogue() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/key-tasks.csv")) {
      ResponseEntity<String> response = upload("key-tasks.csv", in.readAllBytes());
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    }
    assertThat(repository.countActive()).isEqualTo(162);
  }

  // ---------------------------------------------------------------- sheets

  @Test
  void theActiveVisibleSheetIsReadNotAHiddenOlderOne() throws IOException {
    byte[] xlsx = workbook(wb -> {
      fill(wb.createSheet("旧表"), new String[][] {{"", "", "OLD-1", "旧任务", "市生态环境局", "全部", "2022年底前"}});
      fill(wb.createSheet("分工表"), new String[][] {
          {"二、减污降碳", "（一）结构调整", "NEW-1", "新任务一", "市生态环境局", "全部", "2025年底前"},
          {"二、减污降碳", "（一）结构调整", "NEW-2", "新任务二", "市发展改革委", "全部", "长期坚持"}});
      wb.setActiveSheet(1);
      wb.setSheetHidden(0, true);
    });

    ResponseEntity<String> response = upload("两表.xlsx", xlsx);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(repository.findActive()).extracting(KeyTask::code).containsExactlyInAnyOrder("NEW-1", "NEW-2");
  }

  @Test
  void aHiddenActiveSheetBesideSeveralVisibleOnesIsRefused() throws IOException {
    var before = repository.fingerprints();
    byte[] xlsx = workbook(wb -> {
      fill(wb.createSheet("草稿"), new String[][] {{"", "", "D-1", "草稿", "市生态环境局", "全部", "2022年底前"}});
      fill(wb.createSheet("分工表A"), new String[][] {{"", "", "A-1", "甲", "市生态环境局", "全部", "2022年底前"}});
      fill(wb.createSheet("分工表B"), new String[][] {{"", "", "B-1", "乙", "市生态环境局", "全部", "2022年底前"}});
      wb.setSheetHidden(0, true);
      wb.getCTWorkbook().getBookViews().getWorkbookViewArray(0).setActiveTab(0);
    });

    JsonNode errors = rejected(upload("含糊.xlsx", xlsx));

    assertThat(errors.get(0).get("reason").asText()).contains("无法确定要导入哪个工作表", "分工表A", "分工表B");
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- formulas

  @Test
  void aFormulaCellGivesItsValueNotItsSource() throws IOException {
    byte[] xlsx = workbook(wb -> {
      Sheet sheet = wb.createSheet("分工表");
      fill(sheet, new String[][] {{"", "", "F-1", "", "市生态环境局", "全部", "2025年底前"}});
      sheet.getRow(1).createCell(3).setCellFormula("\"推进\"&\"燃煤锅炉\"&\"超低排放\"");
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
    });

    ResponseEntity<String> response = upload("公式.xlsx", xlsx);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(repository.find("F-1").orElseThrow().title()).isEqualTo("推进燃煤锅炉超低排放");
  }

  @Test
  void aFormulaWithoutACachedValueIsRefusedNamingTheCell() throws IOException {
    var before = repository.fingerprints();
    byte[] xlsx = workbook(wb -> {
      Sheet sheet = wb.createSheet("分工表");
      fill(sheet, new String[][] {{"", "", "F-1", "", "市生态环境局", "全部", "2025年底前"}});
      sheet.getRow(1).createCell(3).setCellFormula("\"推进\"&\"治理\"");   // never calculated
    });

    JsonNode errors = rejected(upload("公式.xlsx", xlsx));

    assertThat(errors.get(0).get("row").asInt()).isEqualTo(2);
    assertThat(errors.get(0).get("reason").asText()).contains("D2", "公式");
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- merged cells

  @Test
  void chapterAndSectionMergedPerBlockFillEveryRowOfTheBlock() throws IOException {
    byte[] xlsx = workbook(wb -> {
      Sheet sheet = wb.createSheet("分工表");
      fill(sheet, new String[][] {
          {"二、减污降碳协同控制", "（一）推动能源清洁低碳转型", "M-1", "任务一", "市发展改革委", "全部", "2025年底前"},
          {"", "", "M-2", "任务二", "市发展改革委", "全部", "2025年底前"},
          {"", "（二）推进产业结构优化", "M-3", "任务三", "市工信局", "全部", "长期坚持"},
          {"三、蓝天保卫战", "（一）重污染天气消除", "M-4", "任务四", "市生态环境局", "全部", "2025年底前"}});
      sheet.addMergedRegion(CellRangeAddress.valueOf("A2:A4"));
      sheet.addMergedRegion(CellRangeAddress.valueOf("B2:B3"));
    });

    ResponseEntity<String> response = upload("合并.xlsx", xlsx);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(repository.find("M-2").orElseThrow().chapter()).isEqualTo("二、减污降碳协同控制");
    assertThat(repository.find("M-2").orElseThrow().section()).isEqualTo("（一）推动能源清洁低碳转型");
    assertThat(repository.find("M-3").orElseThrow().chapter()).isEqualTo("二、减污降碳协同控制");
    assertThat(repository.find("M-3").orElseThrow().section()).isEqualTo("（二）推进产业结构优化");
    assertThat(repository.find("M-4").orElseThrow().chapter()).isEqualTo("三、蓝天保卫战");
  }

  @Test
  void aMergedBlockAcrossColumnsIsRefusedNamingTheRegion() throws IOException {
    var before = repository.fingerprints();
    byte[] xlsx = workbook(wb -> {
      Sheet sheet = wb.createSheet("分工表");
      fill(sheet, new String[][] {
          {"二、减污降碳协同控制", "", "M-1", "任务一", "市发展改革委", "全部", "2025年底前"},
          {"", "", "M-2", "任务二", "市发展改革委", "全部", "2025年底前"}});
      sheet.addMergedRegion(CellRangeAddress.valueOf("A2:B3"));
    });

    JsonNode errors = rejected(upload("合并.xlsx", xlsx));

    assertThat(errors.get(0).get("reason").asText()).contains("A2:B3", "合并单元格");
    assertThat(errors.get(0).get("row").asInt()).isEqualTo(2);
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- numbers

  @Test
  void aCodeTypedAsANumberThatLostItsTrailingZeroIsRefused() throws IOException {
    var before = repository.fingerprints();
    byte[] xlsx = workbook(wb -> {
      Sheet sheet = wb.createSheet("分工表");
      fill(sheet, new String[][] {{"", "", "", "任务", "市生态环境局", "全部", "2025年底前"}});
      sheet.getRow(1).createCell(2).setCellValue(9.10);   // shows 9.1
    });

    JsonNode errors = rejected(upload("序号.xlsx", xlsx));

    assertThat(errors.get(0).get("column").asText()).isEqualTo("序号");
    assertThat(errors.get(0).get("reason").asText()).contains("9.1", "文本");
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- CSV

  @Test
  void aBrokenCsvQuoteIsExplainedInChineseWithItsRow() {
    var before = repository.fingerprints();
    String csv = "序号,重点任务,牵头单位,完成时限\n"
        + "Q-1,任务一,市生态环境局,2025年底前\n"
        + "Q-2,\"任务\"二,市生态环境局,2025年底前\n";

    ResponseEntity<String> response = upload("引号.csv", csv.getBytes(StandardCharsets.UTF_8));
    JsonNode errors = rejected(response);

    assertThat(errors.get(0).get("row").asInt()).isEqualTo(3);
    assertThat(errors.get(0).get("reason").asText()).contains("CSV 格式错误", "引号");
    assertThat(response.getBody()).doesNotContain("CSVException", "Invalid char", "line:");
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  @Test
  void aRefusalListsTheFirstProblemsAndTheirTotal() {
    StringBuilder csv = new StringBuilder("序号,重点任务,牵头单位,完成时限\n");
    for (int i = 1; i <= 500; i++) {
      csv.append("E-").append(i).append(",任务,市宇宙局,2025年底前\n");
    }

    ResponseEntity<String> response = upload("错误.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    JsonNode errors = rejected(response);

    assertThat(errors).hasSize(200);
    assertThat(body(response).get("total").asInt()).isEqualTo(500);
    assertThat(body(response).get("message").asText()).contains("共 500 处错误", "前 200 处");
  }

  @Test
  void aCsvOfManyBadRowsStopsAtTheRowLimitWithASmallBody() {
    StringBuilder csv = new StringBuilder("序号,重点任务,牵头单位,完成时限\n");
    for (int i = 1; csv.length() < 2_300_000; i++) {   // about 4.7 MB in UTF-8
      csv.append("E-").append(i).append(",任务,市宇宙局,明年\n");
    }

    ResponseEntity<String> response = upload("大量错误.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    JsonNode errors = rejected(response);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("reason").asText()).contains("10000 行的上限");
    assertThat(response.getBody().length()).isLessThan(2_000);
  }

  @Test
  void anXlsxBombIsRefusedAtTheLimit() {
    var before = repository.fingerprints();
    ResponseEntity<String> response = upload("bomb.xlsx", CraftedFiles.xlsxBomb());

    JsonNode errors = rejected(response);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("reason").asText()).contains("上限");
    assertThat(repository.fingerprints()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- helpers

  private ResponseEntity<String> upload(String fileName, byte[] content) {
    return restTemplate.withBasicAuth("lead", "demo").postForEntity(IMPORT, multipart(fileName, content), String.class);
  }

  /** Header row 1 with {@link #COLUMNS}, then the rows; empty strings leave cells out. */
  private static void fill(Sheet sheet, String[][] rows) {
    Row header = sheet.createRow(0);
    for (int c = 0; c < COLUMNS.length; c++) {
      header.createCell(c).setCellValue(COLUMNS[c]);
    }
    for (int r = 0; r < rows.length; r++) {
      Row row = sheet.createRow(r + 1);
      for (int c = 0; c < rows[r].length; c++) {
        if (!rows[r][c].isEmpty()) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
    }
  }

  private static byte[] workbook(Consumer<XSSFWorkbook> build) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      build.accept(wb);
      wb.write(out);
      return out.toByteArray();
    }
  }
}
