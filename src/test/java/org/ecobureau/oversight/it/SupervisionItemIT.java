package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
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
import org.springframework.http.ResponseEntity;

/**
 * The board's read-only item page ({@code GET /api/supervision/items/{key}}) over real HTTP with
 * the demo users' own credentials: the board's read rule decides (a county its own items, a lead
 * unit those it leads, leads and the supervision office all), 403 for an item the caller may not
 * read, 404 for none; and the ledger of a filtered list names its filter in the sheet's title and
 * in the file name, with the filter values checked.
 */
@HttpTest
class SupervisionItemIT {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired WorkingDayCalendar calendar;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 11, 2, 9, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    LeaveNothingRunning.endOwn(runtimeService, "KT-SI-%");
  }

  String start(String county) {
    return Assignments.startNext(runtimeService, "SI-", "督办事项测试", county).getBusinessKey();
  }

  ResponseEntity<JsonNode> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.GET, HttpEntity.EMPTY, JsonNode.class);
  }

  @Test
  void theItemPageAnswersThoseWhoMayReadTheItem403OthersAnd404ForNone() {
    String anding = start("anding");
    String tongwei = start("tongwei");

    ResponseEntity<JsonNode> r = get("supervisor", "/api/supervision/items/" + anding);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode item = r.getBody();
    assertThat(item.get("businessKey").asText()).isEqualTo(anding); // ':' and '.' survive the path
    assertThat(item.get("code").asText()).isEqualTo(anding.substring(3, anding.indexOf(':')));
    assertThat(item.get("title").asText()).startsWith("督办事项测试SI-");
    assertThat(item.get("kindName").asText()).isEqualTo("重点任务");
    assertThat(item.get("countyName").asText()).isEqualTo("安定区");
    assertThat(item.get("leadNames").asText()).isEqualTo("市生态环境局");
    assertThat(item.get("deadline").asText()).isEqualTo(Assignments.DEADLINE.toString());
    assertThat(item.get("openTask").asText()).isEqualTo("签收任务");
    assertThat(item.get("levelName").asText()).isEqualTo("正常");
    assertThat(item.get("status").asText()).isEqualTo("按期推进");
    assertThat(item.get("active").asBoolean()).isTrue();
    for (String list : List.of("reports", "ladder", "letters", "evidence")) {
      assertThat(item.get(list).isArray()).as(list).isTrue();
    }

    // the board's read rule: the county itself, the lead unit (sthj leads the test tasks), city-wide roles
    for (String user : List.of("anding", "sthj", "lead", "supervisor")) {
      assertThat(get(user, "/api/supervision/items/" + anding).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    }
    // another county, a unit that does not lead it: 403, and the answer names nothing of the item
    for (String user : List.of("tongwei", "gxj")) {
      ResponseEntity<JsonNode> refused = get(user, "/api/supervision/items/" + anding);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody().toString()).doesNotContain("督办事项测试").doesNotContain("安定区");
    }
    assertThat(get("anding", "/api/supervision/items/" + tongwei).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("tongwei", "/api/supervision/items/" + tongwei).getStatusCode()).isEqualTo(HttpStatus.OK);

    // no such item: 404, for every caller
    for (String user : List.of("supervisor", "anding")) {
      assertThat(get(user, "/api/supervision/items/KT-SI-9.9.9:anding").getStatusCode()).as(user)
          .isEqualTo(HttpStatus.NOT_FOUND);
    }
    // nobody logged in
    assertThat(rest.getForEntity("/api/supervision/items/" + anding, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aFilteredLedgerSaysSoInItsTitleAndFileName() throws Exception {
    String anding = start("anding");
    LocalDate today = calendar.today();

    ResponseEntity<byte[]> filtered = ledger("supervisor", "?county=anding&kind=KT&level=none");
    assertThat(filtered.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(fileName(filtered)).isEqualTo("督办台账（筛选：安定区·重点任务·按期推进）-" + today + ".xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(filtered.getBody()))) {
      Sheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("督办台账（筛选：安定区·重点任务·按期推进；截至 " + org.ecobureau.oversight.escalation.EscalationNotices.DAY.format(today) + "）");
      List<String> keys = new java.util.ArrayList<>();
      for (int i = 2; i <= sheet.getLastRowNum(); i++) {
        keys.add(sheet.getRow(i).getCell(12).getStringCellValue());
        assertThat(sheet.getRow(i).getCell(4).getStringCellValue()).isEqualTo("安定区");
      }
      assertThat(keys).contains(anding);
    }

    // the reason filter as the board's columns name it
    assertThat(fileName(ledger("supervisor", "?county=anding&reason=notReported")))
        .isEqualTo("督办台账（筛选：安定区·逾期未报）-" + today + ".xlsx");

    // the whole list: no filter in the name or the title
    ResponseEntity<byte[]> all = ledger("supervisor", "");
    assertThat(fileName(all)).isEqualTo("督办台账-" + today + ".xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(all.getBody()))) {
      assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("督办台账（截至 " + org.ecobureau.oversight.escalation.EscalationNotices.DAY.format(today) + "）");
    }

    // the name is RFC 5987 encoded: nothing but ASCII in the header
    String disposition = filtered.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(disposition).startsWith("attachment; filename*=UTF-8''%E7%9D%A3").doesNotContain("督");

    // filter values are checked, not echoed into a file name
    for (String bad : List.of("?county=nowhere", "?county=%E2%80%AE", "?kind=XX", "?level=purple", "?reason=late")) {
      assertThat(ledger("supervisor", bad).getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void meSaysWhoIsLoggedInAndWhereLeadsAndSupervisorsStart() {
    JsonNode supervisor = get("supervisor", "/api/me").getBody();
    assertThat(supervisor.get("id").asText()).isEqualTo("supervisor");
    assertThat(supervisor.get("roles").toString()).contains("督查室");
    assertThat(supervisor.get("home").asText()).isEqualTo("supervision-board");
    assertThat(get("lead", "/api/me").getBody().get("home").asText()).isEqualTo("supervision-board");
    JsonNode county = get("anding", "/api/me").getBody();
    assertThat(county.get("roles").toString()).contains("安定区");
    assertThat(county.get("home").isNull()).isTrue();
    assertThat(rest.getForEntity("/api/me", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  ResponseEntity<byte[]> ledger(String user, String query) {
    return rest.withBasicAuth(user, "demo").exchange("/api/supervision/board/items.xlsx" + query, HttpMethod.GET,
        HttpEntity.EMPTY, byte[].class);
  }

  static String fileName(ResponseEntity<?> r) {
    String disposition = r.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    String prefix = "attachment; filename*=UTF-8''";
    assertThat(disposition).startsWith(prefix);
    return URLDecoder.decode(disposition.substring(prefix.length()), StandardCharsets.UTF_8);
  }
}
