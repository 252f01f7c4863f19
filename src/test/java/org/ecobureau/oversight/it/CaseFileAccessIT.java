package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.supervision.CaseFileWorkbook;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.HttpTest;
import org.ecobureau.oversight.support.LeaveNothingRunning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * 一案一档 over real HTTP with the demo users' own credentials: a county reads its own case
 * files and gets 404 for another county's, leads and supervisors read all, the Excel download
 * works, and nothing answers without credentials.
 */
@HttpTest
class CaseFileAccessIT {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 11, 2, 9, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  /**
   * The context (and its database) is shared with the other ITs: leave no running instances
   * behind, in particular no undelivered mail notices another test would deliver and count.
   */
  @AfterEach
  void reset() {
    ClockUtil.reset();
    LeaveNothingRunning.endOwn(runtimeService, "KT-CF-%");
  }

  /** What the key task hands a county assignment; codes of their own so other ITs sharing the context do not collide. */
  String start(String code, String county) {
    return Assignments.start(runtimeService, code, "案卷测试" + code, county, false).getBusinessKey();
  }

  @Test
  void countiesReadOnlyTheirOwnCaseFilesLeadsAndSupervisorsAll() throws Exception {
    String anding = start("CF-1.1", "anding");
    String tongwei = start("CF-1.2", "tongwei");
    assertThat(anding).isEqualTo("KT-CF-1.1:anding");

    // anding accepts through the engine's REST API, as Tasklist would
    JsonNode accept = call("anding", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + anding).getBody().get(0);
    ResponseEntity<JsonNode> done = call("anding", HttpMethod.POST, "/engine-rest/task/" + accept.get("id").asText() + "/complete",
        Map.of("variables", Map.of("responsiblePerson", Map.of("value", "张伟", "type", "String"),
            "responsiblePhone", Map.of("value", "13909321234", "type", "String"))));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<JsonNode> own = call("anding", HttpMethod.GET, "/api/case-files/" + anding);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(own.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    JsonNode file = own.getBody();
    assertThat(file.get("businessKey").asText()).isEqualTo(anding); // the ':' and '.' of the key survive the path
    assertThat(file.get("code").asText()).isEqualTo("CF-1.1");
    assertThat(file.get("title").asText()).isEqualTo("案卷测试CF-1.1");
    assertThat(file.get("countyName").asText()).isEqualTo("安定区");
    assertThat(file.get("state").asText()).isEqualTo("进行中");
    assertThat(file.get("startTime").asText()).isEqualTo("2026-11-02T09:00:00+08:00");
    JsonNode entries = file.get("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("step").asText()).isEqualTo("任务已交办");
    assertThat(entries.get(1).get("step").asText()).isEqualTo("签收任务");
    assertThat(entries.get(1).get("userId").asText()).isEqualTo("anding");
    assertThat(entries.get(1).get("userName").asText()).isEqualTo("安定区联络员");
    assertThat(entries.get(1).get("fields").get("责任人").asText()).isEqualTo("张伟");

    ResponseEntity<JsonNode> foreign = call("anding", HttpMethod.GET, "/api/case-files/" + tongwei);
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreign.getBody().toString()).doesNotContain("通渭县");
    // indistinguishable from an item that does not exist
    assertThat(call("anding", HttpMethod.GET, "/api/case-files/KT-CF-9.9:anding").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(call("tongwei", HttpMethod.GET, "/api/case-files/" + tongwei).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("tongwei", HttpMethod.GET, "/api/case-files/" + anding).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("tongwei", anding).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    for (String user : List.of("supervisor", "lead")) {
      for (String key : List.of(anding, tongwei)) {
        ResponseEntity<JsonNode> r = call(user, HttpMethod.GET, "/api/case-files/" + key);
        assertThat(r.getStatusCode()).as("%s reads %s", user, key).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("businessKey").asText()).isEqualTo(key);
      }
    }
  }

  @Test
  void theWorkbookDownloadsWithItsHeaderRow() throws Exception {
    String anding = start("CF-2.1", "anding");

    ResponseEntity<byte[]> r = download("anding", anding);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(r.getHeaders().getContentType().toString()).isEqualTo(CaseFileWorkbook.CONTENT_TYPE);
    String disposition = r.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(disposition).isEqualTo("attachment; filename*=UTF-8''%E4%B8%80%E6%A1%88%E4%B8%80%E6%A1%A3-KT-CF-2.1%3Aanding.xlsx");
    String encoded = disposition.substring("attachment; filename*=UTF-8''".length());
    assertThat(encoded).doesNotContain("一").doesNotContain(":");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("一案一档-" + anding + ".xlsx");

    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getBody()))) {
      Sheet sheet = wb.getSheet("一案一档");
      assertThat(sheet).isNotNull();
      DataFormatter fmt = new DataFormatter();
      assertThat(fmt.formatCellValue(sheet.getRow(0).getCell(0))).contains(anding).contains("案卷测试CF-2.1");
      Row header = null;
      for (Row row : sheet) {
        if ("序号".equals(fmt.formatCellValue(row.getCell(0)))) {
          header = row;
          break;
        }
      }
      assertThat(header).isNotNull();
      List<String> columns = new ArrayList<>();
      header.forEach(c -> columns.add(fmt.formatCellValue(c)));
      assertThat(columns).containsExactly("序号", "时间", "环节", "办理人", "办理结果", "意见", "佐证材料", "填报内容");
      Row first = sheet.getRow(header.getRowNum() + 1);
      assertThat(fmt.formatCellValue(first.getCell(1))).isEqualTo("2026-11-02 09:00");
      assertThat(fmt.formatCellValue(first.getCell(2))).isEqualTo("任务已交办");
    }
  }

  @Test
  void nothingAnswersWithoutCredentials() {
    String anding = start("CF-3.1", "anding");
    assertThat(rest.getForEntity("/api/case-files/" + anding, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/api/case-files/" + anding + ".xlsx", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // (an unknown user: a wrong password for a demo user would lock it for a while in engine time,
    // and the engine clock stands still in these tests)
    assertThat(rest.withBasicAuth("nobody", "demo").getForEntity("/api/case-files/" + anding, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  // ------------------------------------------------------------------ HTTP helpers

  ResponseEntity<JsonNode> call(String user, HttpMethod method, String path) {
    return call(user, method, path, null);
  }

  ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, h), JsonNode.class);
  }

  ResponseEntity<byte[]> download(String user, String businessKey) {
    return rest.withBasicAuth(user, "demo").exchange("/api/case-files/" + businessKey + ".xlsx", HttpMethod.GET,
        HttpEntity.EMPTY, byte[].class);
  }
}
