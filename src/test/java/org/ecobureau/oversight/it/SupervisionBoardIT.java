package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.EscalationSweepProcess;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SummonsProcess;
import org.ecobureau.oversight.escalation.WarningLevel;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.reporting.PeriodicReportProcess;
import org.ecobureau.oversight.reporting.PeriodicReportService;
import org.ecobureau.oversight.reporting.ReportingRound;
import org.ecobureau.oversight.support.Assignments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * A seeded set of assignments and one rectification item, the engine clock moved past their
 * deadlines with the sweep's timer job and one row of a periodic report judged 滞后 by its lead
 * unit: exactly the expected levels, mails and supervision letter, and the supervision board over
 * HTTP counts the same, per caller (a county its own row only).
 * Runs in a context (and database) of its own so nothing else is on the board (CI runs it once
 * more on an empty PostgreSQL database via OVERSIGHT_BOARD_TEST_DB_URL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// an engine name of its own: the engine REST API of the other ITs' (cached) context finds its
// engine by name in a JVM-wide registry, and must not find this one
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=board", "spring.datasource.url="
    + "${OVERSIGHT_BOARD_TEST_DB_URL:jdbc:h2:mem:board-${random.uuid};DB_CLOSE_DELAY=-1}"})
class SupervisionBoardIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = org.ecobureau.oversight.support.TestSmtp.perMethod();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired ReportingRound reportingRound;
  @Autowired PeriodicReportService reportService;

  final ObjectMapper json = new ObjectMapper();
  int sequence;

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  static void at(int month, int day) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, month, day, 9, 0).atZone(WorkingDayCalendar.ZONE)
        .toInstant()));
  }

  String assign(String county) {
    String code = "7.7." + (++sequence);
    return Assignments.start(runtimeService, code, "看板测试" + code, county, false).getBusinessKey();
  }

  void complete(String user, String businessKey, Map<String, Object> vars) {
    completeTask(user, taskService.createTaskQuery().processDefinitionKey(CountyAssignmentProcess.KEY)
        .processInstanceBusinessKey(businessKey).singleResult(), vars);
  }

  void completeTask(String user, Task task, Map<String, Object> vars) {
    as(user, () -> taskService.complete(task.getId(), vars));
  }

  /** Calls the engine or a bean of the report forms' API as the user (with their groups), as the /api filter would. */
  void as(String user, Runnable call) {
    identityService.setAuthentication(user, identityService.createGroupQuery().groupMember(user).list().stream()
        .map(g -> g.getId()).toList());
    try {
      call.run();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The one open task of a periodic report. */
  Task reportTask(String reportKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(reportKey).singleResult();
  }

  void sweep(int month, int day) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, month, day, 8, 30).atZone(WorkingDayCalendar.ZONE)
        .toInstant()));
    Job timer = managementService.createJobQuery().processDefinitionKey(EscalationSweepProcess.KEY).timers()
        .singleResult();
    managementService.executeJob(timer.getId());
    // then its batch (asynchronous, one transaction per batch)
    for (Job batch : managementService.createJobQuery().processDefinitionKey(EscalationSweepProcess.KEY).messages()
        .list()) {
      managementService.executeJob(batch.getId());
    }
  }

  ResponseEntity<String> get(String user, String path) {
    HttpHeaders h = new HttpHeaders();
    h.setBasicAuth(user, "demo");
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
  }

  JsonNode board(String user) throws Exception {
    ResponseEntity<String> r = get(user, "/api/supervision/board");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(r.getBody());
  }

  static String counts(JsonNode cell) {
    return cell.get("onTime").asInt() + "/" + cell.get("dueSoon").asInt() + "/" + cell.get("overdue").asInt() + "/"
        + cell.get("yellow").asInt() + "/" + cell.get("red").asInt() + "/" + cell.get("listed").asInt();
  }

  /** Subjects of the mails the SMTP server received, one per message (not per recipient). */
  List<String> subjects() throws Exception {
    Set<String> seen = new HashSet<>();
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (seen.add(m.getMessageID())) {
        subjects.add(m.getSubject().substring(0, m.getSubject().indexOf('】') + 1));
      }
    }
    return subjects;
  }

  @Test
  void seededSetClimbsToTheExpectedLevelsAndTheBoardCountsThem() throws Exception {
    Map<String, Object> accepted = Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234");
    at(10, 26);
    String a1 = assign("anding");                 // 签收 due 10-29, never accepted
    at(11, 2);
    String a2 = assign("anding");                 // 签收 due 11-05, never accepted
    String a3 = assign("anding");                 // accepted at once: November's report due 12-05
    complete("anding", a3, accepted);
    String w1 = assign("weiyuan");                // 签收 due 11-05, accepted late
    sweep(11, 12);
    assertThat(cases.find(w1).orElseThrow().level()).isEqualTo(WarningLevel.YELLOW); // 5 working days late
    at(11, 12);
    complete("weiyuan", w1, accepted);           // caught up
    at(11, 13);
    // November's reports open early (as the lead's 开启本期报送 does): weiyuan reports w1 at once,
    // anding's (a3) stays open, due 12-07
    assertThat(reportingRound.open(YearMonth.of(2026, 11))).isEqualTo(2);
    String weiyuanReport = PeriodicReportProcess.businessKey("weiyuan", YearMonth.of(2026, 11));
    Task report = reportTask(weiyuanReport);
    as("weiyuan", () -> reportService.saveRow(report.getId(), w1, Map.of("progress", 20, "workDone", "完成排查")));
    completeTask("weiyuan", report, Map.of("filledBy", "李娜", "countyLeader", "王强"));
    Task review = reportTask(weiyuanReport);
    assertThat(review.getTaskDefinitionKey()).isEqualTo(PeriodicReportProcess.Element.reviewReportRows.name());
    // the lead unit judges the row 滞后: yellow, the second this quarter
    as("sthj", () -> reportService.saveReview(review.getId(), w1, Map.of("decision", "approve", "judgement", "滞后")));
    completeTask("sthj", review, Map.of());
    String t1 = assign("tongwei");                // 签收 due 11-18
    at(11, 19);
    String t2 = assign("tongwei");                // 签收 due 11-24
    String m1 = assign("minxian");
    identityService.setAuthentication("lead", List.of("lead"));
    try {
      runtimeService.startProcessInstanceByKey(ListedSupervisionProcess.KEY, Map.of("itemKey", m1,
          "listingReason", "媒体持续关注"));
    } finally {
      identityService.clearAuthentication();
    }
    String ri = jdbc.queryForObject("SELECT MIN(BUSINESS_KEY) FROM OV_RECTIFICATION_ITEM WHERE COUNTY='longxi'",
        String.class);
    HttpHeaders lead = new HttpHeaders();
    lead.setBasicAuth("lead", "demo");
    lead.set("X-Requested-With", "XMLHttpRequest");
    assertThat(rest.exchange("/api/rectification/" + ri + "/dispatch", HttpMethod.POST, new HttpEntity<>(lead),
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    sweep(11, 20);
    sweep(11, 20); // a repeated cycle changes nothing

    Map<String, WarningLevel> expected = Map.of(a1, WarningLevel.RED, a2, WarningLevel.YELLOW, a3, WarningLevel.NONE,
        w1, WarningLevel.YELLOW, t1, WarningLevel.OVERDUE, t2, WarningLevel.REMINDER, m1, WarningLevel.LISTED,
        ri, WarningLevel.NONE);
    expected.forEach((bk, level) -> assertThat(cases.find(bk).orElseThrow().level()).as(bk).isEqualTo(level));

    // mails: deliver every notice, as the job executor would
    for (Job job : managementService.createJobQuery().processDefinitionKey(SendNoticeProcess.KEY).list()) {
      managementService.executeJob(job.getId());
    }
    List<String> subjects = subjects();
    assertThat(subjects.stream().filter(s -> !s.equals("【任务交办】") && !s.equals("【整改交办】")).sorted().toList())
        .containsExactly("【专函督办】", "【临期提醒】", "【定期报送】", "【定期报送】", "【挂牌督办】", "【红牌督办】",
            "【逾期催办】", "【黄牌预警】", "【黄牌预警】", "【黄牌预警】", "【黄牌预警】");
    assertThat(jdbc.queryForList("SELECT BUSINESS_KEY FROM OV_SUPERVISION_LETTER", String.class)).containsExactly(w1);
    // red asks a lead for the measure (约谈, 函询, 通报, 挂牌督办, 移交问责), no summons by itself
    assertThat(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(org.ecobureau.oversight.escalation.SupervisionMeasureProcess.KEY).list())
        .extracting(p -> p.getBusinessKey()).containsExactly(a1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SummonsProcess.KEY).count()).isZero();

    // the board, as the supervisor sees it
    JsonNode board = board("supervisor");
    assertThat(board.get("statuses").toString()).isEqualTo("[\"按期推进\",\"即将到期\",\"逾期\",\"黄牌\",\"红牌\",\"挂牌督办\"]");
    Map<String, String> kt = new HashMap<>();
    Map<String, String> rect = new HashMap<>();
    Map<String, Double> rate = new HashMap<>();
    for (JsonNode row : board.get("rows")) {
      kt.put(row.get("county").asText(), counts(row.get("keyTasks")));
      rect.put(row.get("county").asText(), counts(row.get("rectification")));
      rate.put(row.get("county").asText(), row.get("all").get("onTimeRate").asDouble());
    }
    assertThat(kt).hasSize(7).containsEntry("anding", "1/0/0/1/1/0").containsEntry("tongwei", "0/1/1/0/0/0")
        .containsEntry("weiyuan", "0/0/0/1/0/0").containsEntry("minxian", "0/0/0/0/0/1")
        .containsEntry("longxi", "0/0/0/0/0/0").containsEntry("lintao", "0/0/0/0/0/0");
    assertThat(rect).containsEntry("longxi", "1/0/0/0/0/0").containsEntry("anding", "0/0/0/0/0/0");
    assertThat(rate).containsEntry("anding", 0.333).containsEntry("tongwei", 0.5).containsEntry("longxi", 1.0)
        .containsEntry("minxian", 0.0);
    assertThat(counts(board.get("total").get("keyTasks"))).isEqualTo("1/1/1/2/1/1");
    assertThat(counts(board.get("total").get("all"))).isEqualTo("2/1/1/2/1/1");

    // the items behind a cell, with due date, days overdue and level
    JsonNode redItems = json.readTree(get("supervisor", "/api/supervision/board/items?county=anding&kind=KT&level=red")
        .getBody());
    assertThat(redItems).hasSize(1);
    assertThat(redItems.get(0).get("businessKey").asText()).isEqualTo(a1);
    assertThat(redItems.get(0).get("dueDate").asText()).isEqualTo("2026-10-29");
    assertThat(redItems.get(0).get("daysOverdue").asInt()).isEqualTo(16);
    assertThat(redItems.get(0).get("levelName").asText()).isEqualTo("红牌督办");
    assertThat(get("supervisor", "/api/supervision/board/items?level=purple").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // a county sees its own row and items only; a lead unit the items it leads
    JsonNode own = board("anding");
    assertThat(own.get("rows")).hasSize(1);
    assertThat(own.get("rows").get(0).get("county").asText()).isEqualTo("anding");
    assertThat(counts(own.get("total").get("all"))).isEqualTo("1/0/0/1/1/0");
    assertThat(json.readTree(get("anding", "/api/supervision/board/items?county=tongwei").getBody())).isEmpty();
    assertThat(json.readTree(get("anding", "/api/supervision/board/items").getBody()))
        .extracting(n -> n.get("county").asText()).containsOnly("anding");
    assertThat(get("anding", "/api/supervision/cases/" + t1 + "/escalations").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode unit = board("sthj");
    assertThat(counts(unit.get("total").get("keyTasks"))).isEqualTo("1/1/1/2/1/1"); // sthj leads every test task
    assertThat(counts(unit.get("total").get("rectification"))).isEqualTo("0/0/0/0/0/0");

    // the ledger download: the same list
    ResponseEntity<byte[]> xlsx = rest.exchange("/api/supervision/board/items.xlsx", HttpMethod.GET,
        new HttpEntity<>(basic("supervisor")), byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      Sheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getRow(1).getCell(9).getStringCellValue()).isEqualTo("预警等级");
      assertThat(sheet.getLastRowNum() - 1).isEqualTo(8);
      assertThat(sheet.getRow(2).getCell(9).getStringCellValue()).isEqualTo("挂牌督办"); // most serious first
      assertThat(sheet.getRow(3).getCell(12).getStringCellValue()).isEqualTo(a1);
    }

    // the case file (一案一档) carries the level's history
    JsonNode caseFile = json.readTree(get("supervisor", "/api/case-files/" + a1).getBody());
    List<String> warnings = new java.util.ArrayList<>();
    caseFile.get("entries").forEach(e -> {
      if ("WARNING".equals(e.get("kind").asText())) {
        warnings.add(e.get("step").asText() + " | " + e.get("comment").asText());
      }
    });
    assertThat(warnings).containsExactly(
        "预警等级：正常 → 黄牌预警 | 「签收任务」逾期 10 个工作日",
        "预警等级：黄牌预警 → 红牌督办 | 「签收任务」逾期 16 个工作日");
    // w1's second yellow: the lead unit's 滞后 on its report row, after its row as reported and judged
    JsonNode w1File = json.readTree(get("supervisor", "/api/case-files/" + w1).getBody());
    List<String> w1Steps = new java.util.ArrayList<>();
    w1File.get("entries").forEach(e -> w1Steps.add(text(e, "step") + " | " + text(e, "userId") + " | "
        + text(e, "comment")));
    assertThat(w1Steps).containsSubsequence(
        "预警等级：正常 → 黄牌预警 |  | 「签收任务」逾期 5 个工作日",
        "签收任务 | weiyuan | ",
        "进展报送（2026年11月） | weiyuan | ",
        "审核进展报告（2026年11月） | sthj | ",
        "预警等级：正常 → 黄牌预警 | sthj | 报告进展滞后");

    // the supervision letter as a Word document, for the county it is addressed to
    String letterId = jdbc.queryForObject("SELECT ID FROM OV_SUPERVISION_LETTER", String.class);
    ResponseEntity<byte[]> docx = rest.exchange("/api/supervision/letters/" + letterId + ".docx", HttpMethod.GET,
        new HttpEntity<>(basic("weiyuan")), byte[].class);
    assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.exchange("/api/supervision/letters/" + letterId + ".docx", HttpMethod.GET,
        new HttpEntity<>(basic("anding")), byte[].class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> anonymous = rest.getForEntity("/api/supervision/board", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    // a page's script whose session has expired: 401 without the challenge (no browser prompt)
    HttpHeaders ajax = new HttpHeaders();
    ajax.set("X-Requested-With", "XMLHttpRequest");
    ResponseEntity<String> expired = rest.exchange("/api/supervision/board", HttpMethod.GET, new HttpEntity<>(ajax),
        String.class);
    assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(expired.getHeaders().getFirst("WWW-Authenticate")).isNull();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  static HttpHeaders basic(String user) {
    HttpHeaders h = new HttpHeaders();
    h.setBasicAuth(user, "demo");
    return h;
  }
}
