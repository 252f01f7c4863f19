package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.support.HttpTest;
import org.ecobureau.oversight.support.LeaveNothingRunning;
import org.junit.jupiter.api.AfterEach;
import org.ecobureau.oversight.support.EngineRest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * One item of the demo ledger walked through the standard REST API (and the periodic report forms'
 * API) as the demo users, from 交办 to 销号 and a rebound at the 3-month look-back; its case file
 * lists every step in order with signer and time, its rows of the county's periodic report among
 * them, and another county cannot read it.
 */
@HttpTest
class RectificationLifecycleIT {

  static final String ITEM = "RI-ZY-1:anding";
  /** anding's periodic reports the item is reported in. */
  static final String NOVEMBER = "PR-anding-2026-11";
  static final String MARCH = "PR-anding-2027-03";

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;

  /**
   * The context (and its database) is shared with the other ITs: leave nothing of this item
   * running, in particular no undelivered mail (the red card's) another test would deliver and count.
   */
  @AfterEach
  void reset() {
    ClockUtil.reset();
    LeaveNothingRunning.endOwn(runtimeService, ITEM);
    LeaveNothingRunning.endOwn(runtimeService, NOVEMBER);
    LeaveNothingRunning.endOwn(runtimeService, MARCH);
  }

  static LocalDateTime now;

  static void setNow(LocalDateTime t) {
    now = t;
    ClockUtil.setCurrentTime(Date.from(t.atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  @Test
  void demoItemFromDispatchToClosureAndReboundWithItsCaseFile() throws Exception {
    List<String[]> expected = new ArrayList<>(); // step, user, time

    // the demo ledger is there; the lead dispatches one item
    List<String> keys = new ArrayList<>();
    call("lead", HttpMethod.GET, "/api/rectification", null).getBody().forEach(i -> keys.add(i.get("businessKey").asText()));
    assertThat(keys).hasSizeGreaterThanOrEqualTo(20).contains(ITEM);
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    assertThat(call("lead", HttpMethod.POST, "/api/rectification/" + ITEM + "/dispatch", null).getBody()
        .get("started").asBoolean()).isTrue();

    step("anding", "draftRectificationPlan", "制定整改方案", LocalDateTime.of(2026, 11, 20, 10, 0), expected, Map.of(
        "planMeasures", str("实施园区雨污分流改造"), "planGoal", str("园区污水全收集全处理"),
        "planDeadline", str("2026-12-31"), "planLeader", str("张副区长")));
    step("lead", "reviewRectificationPlan", "审核整改方案", LocalDateTime.of(2026, 11, 23, 10, 0), expected,
        Map.of("planDecision", str("approve")));
    // 整改中: the item reports in anding's periodic report; its row asks for acceptance (申请验收)
    assertThat(itemTasks("anding")).isEmpty();
    setNow(LocalDateTime.of(2026, 11, 30, 9, 0));
    assertThat(call("lead", HttpMethod.POST, "/api/periodic-reports/open?period=2026-11", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode report = reportTask("anding", NOVEMBER);
    assertThat(report.get("taskDefinitionKey").asText()).isEqualTo("submitPeriodicReport");
    JsonNode row = call("anding", HttpMethod.GET, "/api/periodic-reports/tasks/" + id(report), null).getBody()
        .get("rows").get(0);
    assertThat(row.get("caseKey").asText()).isEqualTo(ITEM);
    assertThat(row.get("kindLabel").asText()).isEqualTo("督察整改");
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("progress", 100);
    values.put("workDone", "雨污分流改造完工");
    values.put("claim", true);
    assertThat(call("anding", HttpMethod.PUT, "/api/periodic-reports/tasks/" + id(report) + "/rows/" + ITEM, values)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    reportStep("anding", report, "进展报送（2026年11月）", LocalDateTime.of(2026, 11, 30, 10, 0), expected,
        Map.of("filledBy", str("李娜"), "countyLeader", str("王强")));
    // the row's claim moved the item to 申请验收 at once; the row itself goes to the lead unit
    assertThat(itemTasks("anding")).extracting(t -> t.get("taskDefinitionKey").asText())
        .containsExactly("requestAcceptance");
    JsonNode review = reportTask("sthj", NOVEMBER);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("reviewReportRows");
    assertThat(call("sthj", HttpMethod.PUT, "/api/periodic-reports/tasks/" + id(review) + "/reviews/" + ITEM,
        Map.of("decision", "approve", "judgement", "已完成")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    reportStep("sthj", review, "审核进展报告（2026年11月）", LocalDateTime.of(2026, 12, 1, 10, 0), expected, Map.of());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("periodic-report")
        .processInstanceBusinessKey(NOVEMBER).count()).as("report done").isZero();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("value", Base64.getEncoder().encodeToString("%PDF-1.4 acceptance".getBytes()));
    file.put("type", "File");
    file.put("valueInfo", Map.of("filename", "验收材料.pdf", "mimetype", "application/pdf"));
    step("anding", "requestAcceptance", "申请验收", LocalDateTime.of(2026, 12, 2, 10, 0), expected,
        Map.of("selfCheck", str("自查合格"), "acceptanceEvidence", file));
    step("sthj", "acceptRectification", "市级验收", LocalDateTime.of(2026, 12, 3, 10, 0), expected,
        Map.of("acceptanceDecision", str("approve"), "acceptanceComment", str("现场核查合格")));

    // the public notice passes by the engine clock
    String pid = runtimeService.createProcessInstanceQuery().processDefinitionKey("rectification-item")
        .processInstanceBusinessKey(ITEM).singleResult().getId();
    fireTimer(pid, LocalDateTime.of(2026, 12, 11, 9, 0));
    step("lead", "signOffRectification", "审签销号", LocalDateTime.of(2026, 12, 14, 10, 0), expected,
        Map.of("signOffDecision", str("approve")));
    assertThat(OffsetDateTime.parse(variable("lead", pid, "closureFiledAt"),
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant())
        .isEqualTo(LocalDateTime.of(2026, 12, 14, 10, 0).atZone(WorkingDayCalendar.ZONE).toInstant());
    assertThat(variable("lead", pid, "signedOffBy")).isEqualTo("lead");

    // three months later: the look-back finds a rebound
    Job lookBack = managementService.createJobQuery().processInstanceId(pid).timers().singleResult();
    assertThat(lookBack.getDuedate()).isEqualTo(WorkingDayCalendar.startOfDay(java.time.LocalDate.of(2027, 3, 14)));
    fireTimer(pid, LocalDateTime.of(2027, 3, 15, 9, 0));
    step("anding", "lookBackSelfCheck", "回头看自查", LocalDateTime.of(2027, 3, 16, 10, 0), expected,
        Map.of("lookBackFindings", str("园区南侧雨污混接复现")));
    step("lead", "reviewLookBack", "回头看复核", LocalDateTime.of(2027, 3, 17, 10, 0), expected,
        Map.of("lookBackDecision", str("rebound"), "lookBackComment", str("问题反弹，红牌重办")));
    assertThat(variable("lead", pid, "warningLevel")).isEqualTo("red");
    // reopened: 整改中 again, and a row of anding's next periodic report
    assertThat(itemTasks("anding")).isEmpty();
    assertThat(call("lead", HttpMethod.GET, "/engine-rest/execution?activityId=rectifying&processInstanceId=" + pid,
        null).getBody()).hasSize(1);
    assertThat(call("lead", HttpMethod.POST, "/api/periodic-reports/open?period=2027-03", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode march = reportTask("anding", MARCH);
    assertThat(call("anding", HttpMethod.GET, "/api/periodic-reports/tasks/" + id(march), null).getBody().get("rows"))
        .extracting(r -> r.get("caseKey").asText()).containsExactly(ITEM);
    // and, at red, a lead decides the measure; choosing 约谈, the county owes a written report
    // (a summons with the same business key)
    JsonNode measure = call("lead", HttpMethod.GET, "/engine-rest/task?processDefinitionKey=supervision-measure"
        + "&processInstanceBusinessKey=" + ITEM, null).getBody();
    assertThat(measure).extracting(t -> t.get("taskDefinitionKey").asText()).containsExactly("decideSupervisionMeasure");
    assertThat(call("lead", HttpMethod.POST, "/engine-rest/task/" + measure.get(0).get("id").asText() + "/complete",
        Map.of("variables", Map.of("supervisionMeasure", str("summons")))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call("anding", HttpMethod.GET, "/engine-rest/task?processDefinitionKey=summons&processInstanceBusinessKey="
        + ITEM, null).getBody()).extracting(t -> t.get("taskDefinitionKey").asText())
        .containsExactly("submitWrittenReport");

    // the case file: every step in order, with signer and time
    ResponseEntity<JsonNode> caseFile = call("lead", HttpMethod.GET, "/api/case-files/" + ITEM, null);
    assertThat(caseFile.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String[]> tasks = new ArrayList<>();
    List<String> milestones = new ArrayList<>();
    OffsetDateTime last = null;
    for (JsonNode e : caseFile.getBody().get("entries")) {
      OffsetDateTime t = OffsetDateTime.parse(e.get("time").asText());
      if (last != null) {
        assertThat(t).isAfterOrEqualTo(last);
      }
      last = t;
      if ("TASK".equals(e.get("kind").asText())) {
        tasks.add(new String[] {e.get("step").asText(), e.get("userId").asText(), t.toLocalDateTime().toString()});
      } else {
        milestones.add(e.get("step").asText());
      }
    }
    assertThat(tasks).extracting(a -> String.join(" | ", a))
        .containsExactlyElementsOf(expected.stream().map(a -> String.join(" | ", a)).toList());
    assertThat(milestones).contains("整改任务已交办", "公示期满", "回头看时间到");
    JsonNode acceptanceRow = null;
    for (JsonNode e : caseFile.getBody().get("entries")) {
      if ("requestAcceptance".equals(e.get("activityId").asText())) {
        acceptanceRow = e;
      }
    }
    assertThat(acceptanceRow.get("evidence").toString()).contains("验收材料.pdf");
    // the item's row of the periodic report, as reported and as judged by the lead unit
    JsonNode reported = null;
    JsonNode judged = null;
    for (JsonNode e : caseFile.getBody().get("entries")) {
      if ("submitPeriodicReport".equals(e.get("activityId").asText())) {
        reported = e;
      } else if ("reviewReportRows".equals(e.get("activityId").asText())) {
        judged = e;
      }
    }
    assertThat(reported.get("fields").get("完成进度(%)").asText()).isEqualTo("100");
    assertThat(reported.get("fields").get("本期工作进展").asText()).isEqualTo("雨污分流改造完工");
    assertThat(reported.get("fields").get("填报人").asText()).isEqualTo("李娜");
    assertThat(judged.get("decision").asText()).isEqualTo("通过");
    assertThat(judged.get("fields").get("进度判定").asText()).isEqualTo("已完成");

    // the county sees its own case file, another county does not, not even that it exists
    assertThat(call("anding", HttpMethod.GET, "/api/case-files/" + ITEM, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("tongwei", HttpMethod.GET, "/api/case-files/" + ITEM, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("tongwei", HttpMethod.GET, "/engine-rest/variable-instance?variableName=acceptanceEvidence&processInstanceIdIn=" + pid, null)
        .getBody()).isEmpty();
    ResponseEntity<byte[]> xlsx = rest.withBasicAuth("anding", "demo").exchange("/api/case-files/" + ITEM + ".xlsx",
        HttpMethod.GET, null, byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("一案一档");
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Completes a task of the item's periodic report as the user, at that time; the case file lists it as the item's step. */
  void reportStep(String user, JsonNode task, String name, LocalDateTime at, List<String[]> expected, Map<String, ?> vars) {
    setNow(at);
    ResponseEntity<JsonNode> r = call(user, HttpMethod.POST, "/engine-rest/task/" + id(task) + "/complete",
        Map.of("variables", vars));
    assertThat(r.getStatusCode()).as("%s as %s: %s", task.get("taskDefinitionKey"), user, r.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
    expected.add(new String[] {name, user, at.toString()});
  }

  /** The one open task of the user in the periodic report {@code reportKey}. */
  JsonNode reportTask(String user, String reportKey) {
    JsonNode list = call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + reportKey, null)
        .getBody();
    assertThat(list).as("tasks of %s in %s", user, reportKey).hasSize(1);
    return list.get(0);
  }

  static String id(JsonNode task) {
    return task.get("id").asText();
  }

  void step(String user, String taskKey, String name, LocalDateTime at, List<String[]> expected, Map<String, ?> vars) {
    setNow(at);
    JsonNode task = onlyTask(user);
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo(taskKey);
    ResponseEntity<JsonNode> r = call(user, HttpMethod.POST, "/engine-rest/task/" + task.get("id").asText() + "/complete",
        Map.of("variables", vars));
    assertThat(r.getStatusCode()).as("%s as %s: %s", taskKey, user, r.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    expected.add(new String[] {name, user, at.toString()});
  }

  void fireTimer(String pid, LocalDateTime at) {
    setNow(at);
    Job timer = managementService.createJobQuery().processInstanceId(pid).timers().singleResult();
    managementService.executeJob(timer.getId());
  }

  String variable(String user, String pid, String name) {
    return call(user, HttpMethod.GET, "/engine-rest/process-instance/" + pid + "/variables/" + name, null)
        .getBody().get("value").asText();
  }

  JsonNode onlyTask(String user) {
    List<JsonNode> list = itemTasks(user);
    assertThat(list).as("tasks of %s", user).hasSize(1);
    return list.get(0);
  }

  /** The item's own tasks the user sees (a rebound also opens a summons with the county's written report). */
  List<JsonNode> itemTasks(String user) {
    List<JsonNode> out = new ArrayList<>();
    call(user, HttpMethod.GET, "/engine-rest/task?processDefinitionKey=rectification-item"
        + "&processInstanceBusinessKey=" + ITEM, null).getBody().forEach(out::add);
    return out;
  }

  static Map<String, Object> str(String v) {
    return EngineRest.str(v);
  }

  ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
    return new EngineRest(rest, "/engine-rest").call(user, method, path, body);
  }
}
