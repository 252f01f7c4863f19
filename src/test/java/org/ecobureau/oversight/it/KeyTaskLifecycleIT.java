package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.support.HttpTest;
import org.ecobureau.oversight.support.LeaveNothingRunning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.ecobureau.oversight.support.EngineRest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The whole application on H2, driven as its users would through HTTP: the lead imports a
 * table and dispatches, county and lead-unit users work their tasks through the standard
 * Camunda REST API with their own credentials, the public notice passes by the engine clock,
 * and the Chinese mails arrive at a real SMTP server.
 */
@HttpTest
class KeyTaskLifecycleIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = org.ecobureau.oversight.support.TestSmtp.perMethod();

  static final String TABLE = """
      序号,重点任务,工作措施,牵头部门,责任单位,完成时限
      IT-1,城区扬尘专项整治,施工工地落实“六个百分之百”,市住建局,安定区、陇西县、市城市管理局,2027年6月底前
      IT-2,县城黑臭水体排查,完成县级城市建成区黑臭水体排查,市住建局,各县区,2022年6月底前
      """;

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void clock() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
  }

  /**
   * The context (and its database) is shared with the other ITs: leave nothing of ours running,
   * in particular no undelivered mail notices.
   */
  @AfterEach
  void reset() {
    ClockUtil.reset();
    LeaveNothingRunning.endOwn(runtimeService, "KT-IT-%");
  }

  static void setNow(LocalDateTime t) {
    ClockUtil.setCurrentTime(Date.from(t.atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  @Test
  void importDispatchReportReturnResubmitClaimNoticeSignOff() throws Exception {
    // 1. the lead imports an official-style table and dispatches IT-1
    ResponseEntity<JsonNode> imported = upload("lead", "分工方案.csv", TABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(imported.getBody().get("created").asInt()).isEqualTo(2);
    ResponseEntity<JsonNode> dispatched = call("lead", HttpMethod.POST, "/api/catalogue/IT-1/dispatch", null);
    assertThat(dispatched.getBody().get("started").asBoolean()).isTrue();

    JsonNode dispatch = onlyTask("lead", "processInstanceBusinessKey=KT-IT-1");
    assertThat(dispatch.get("taskDefinitionKey").asText()).isEqualTo("dispatchKeyTask");
    Map<String, Object> formVars = variables("lead", dispatch);
    assertThat(formVars).containsEntry("proposedCounties", "anding,longxi").containsEntry("leadUnitNames", "市住建局");
    complete("lead", dispatch, Map.of("assignedCounties", str("anding,longxi")));

    // 2. the county accepts and reports with its own credentials
    JsonNode accept = onlyTask("anding", "processInstanceBusinessKey=KT-IT-1:anding");
    assertThat(accept.get("taskDefinitionKey").asText()).isEqualTo("acceptAssignment");
    assertThat(accept.get("due").asText()).startsWith("2026-11-05");
    complete("anding", accept, Map.of("responsiblePerson", str("张伟"), "responsiblePhone", str("13909321234")));

    JsonNode report = onlyTask("anding", "processInstanceBusinessKey=KT-IT-1:anding");
    Map<String, Map<String, Object>> bad = reportVars("2026-11", 150);
    ResponseEntity<JsonNode> refused = completeRaw("anding", report, bad);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText()).contains("progress").contains("完成进度");
    ResponseEntity<JsonNode> refusedForm = call("anding", HttpMethod.POST,
        "/engine-rest/task/" + report.get("id").asText() + "/submit-form", Map.of("variables", bad));
    assertThat(refusedForm.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(onlyTask("anding", "processInstanceBusinessKey=KT-IT-1:anding").get("id")).isEqualTo(report.get("id"));

    complete("anding", report, reportVars("2026-11", 40));

    // 3. the lead unit returns it, the county resubmits, the lead unit approves
    JsonNode review = onlyTask("zjj", "processInstanceBusinessKey=KT-IT-1:anding");
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("reviewProgressReport");
    // another unit's reviewer neither sees nor completes what it does not lead
    assertThat(tasks("fgw", "processInstanceBusinessKey=KT-IT-1:anding")).isEmpty();
    assertThat(completeRaw("fgw", review, Map.of("reportDecision", str("approve"))).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    complete("zjj", review, Map.of("reportDecision", str("return"), "reportComment", str("请补充工地视频监控截图")));
    JsonNode revise = onlyTask("anding", "processInstanceBusinessKey=KT-IT-1:anding");
    assertThat(revise.get("taskDefinitionKey").asText()).isEqualTo("reviseProgressReport");
    Map<String, Map<String, Object>> again = reportVars("2026-11", 45);
    again.put("wantsCompletion", Map.of("value", true, "type", "Boolean"));
    complete("anding", revise, again);
    complete("zjj", onlyTask("zjj", "processInstanceBusinessKey=KT-IT-1:anding"), Map.of("reportDecision", str("approve")));

    // 4. completion claim with an evidence file, approved by the lead unit
    JsonNode claim = onlyTask("anding", "processInstanceBusinessKey=KT-IT-1:anding");
    assertThat(claim.get("taskDefinitionKey").asText()).isEqualTo("claimCompletion");
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("value", Base64.getEncoder().encodeToString("%PDF-1.4 evidence".getBytes()));
    file.put("type", "File");
    file.put("valueInfo", Map.of("filename", "现场照片.pdf", "mimetype", "application/pdf"));
    complete("anding", claim, Map.of("claimType", str("completed"), "completionSummary", str("工地扬尘治理全部到位"),
        "completionEvidence", file));
    complete("zjj", onlyTask("zjj", "processInstanceBusinessKey=KT-IT-1:anding"), Map.of("claimDecision", str("approve")));

    // 5. the public notice passes by the engine clock; the lead signs off
    String assignmentId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("KT-IT-1:anding")
        .processDefinitionKey("county-assignment").singleResult().getId();
    Job timer = managementService.createJobQuery().processInstanceId(assignmentId).timers().singleResult();
    setNow(LocalDateTime.of(2026, 11, 10, 9, 0));
    managementService.executeJob(timer.getId());
    JsonNode signOff = onlyTask("lead", "processInstanceBusinessKey=KT-IT-1:anding");
    assertThat(signOff.get("taskDefinitionKey").asText()).isEqualTo("signOffAssignment");
    complete("lead", signOff, Map.of("signOffDecision", str("approve")));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(assignmentId).count()).isZero();
    ResponseEntity<JsonNode> history = call("lead", HttpMethod.GET,
        "/engine-rest/history/process-instance?processDefinitionKey=county-assignment&processInstanceBusinessKey=KT-IT-1:anding", null);
    assertThat(history.getBody().get(0).get("state").asText()).isEqualTo("COMPLETED");
    ResponseEntity<JsonNode> ended = call("lead", HttpMethod.GET,
        "/engine-rest/history/activity-instance?activityId=assignmentSignedOff&processInstanceId=" + assignmentId, null);
    assertThat(ended.getBody()).hasSize(1);

    // 6. the mails: dispatch to both counties, the return to anding, delivered by the job executor
    // (ours only: another test's undelivered notices are not this test's mails)
    for (var notice : runtimeService.createProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
        .processInstanceBusinessKeyLike("KT-IT-1%").list()) {
      for (Job j : managementService.createJobQuery().processInstanceId(notice.getId()).list()) {
        managementService.executeJob(j.getId());
      }
    }
    List<String> got = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      got.add(m.getAllRecipients()[0] + " " + m.getSubject());
    }
    assertThat(got).containsExactlyInAnyOrder(
        "anding@demo.oversight.local 【任务交办】IT-1 城区扬尘专项整治",
        "longxi@demo.oversight.local 【任务交办】IT-1 城区扬尘专项整治",
        "anding@demo.oversight.local 【退回重报】IT-1 城区扬尘专项整治");
    MimeMessage returned = java.util.Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> { try { return m.getSubject().startsWith("【退回重报】"); } catch (Exception e) { return false; } })
        .findFirst().orElseThrow();
    assertThat((String) returned.getContent()).contains("请补充工地视频监控截图")
        .contains("/camunda/app/tasklist/default/#/?task=" + revise.get("id").asText());
  }

  @Test
  void countiesSeeOnlyTheirOwnWorkAndSupervisorsCompleteNothingOfTheirs() throws Exception {
    upload("lead", "分工方案.csv", TABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    call("lead", HttpMethod.POST, "/api/catalogue/IT-2/dispatch", null);
    JsonNode dispatch = onlyTask("lead", "processInstanceBusinessKey=KT-IT-2");
    complete("lead", dispatch, Map.of("assignedCounties", str("tongwei,minxian")));

    JsonNode tongweiTask = onlyTask("tongwei", "processInstanceBusinessKey=KT-IT-2:tongwei");
    // minxian cannot see tongwei's task, its instance, or its variables, and cannot complete it
    assertThat(tasks("minxian", "processInstanceBusinessKey=KT-IT-2:tongwei")).isEmpty();
    assertThat(call("minxian", HttpMethod.GET, "/engine-rest/process-instance?processDefinitionKey=county-assignment&businessKey=KT-IT-2:tongwei", null)
        .getBody()).isEmpty();
    assertThat(call("minxian", HttpMethod.GET, "/engine-rest/task/" + tongweiTask.get("id").asText() + "/variables", null)
        .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    ResponseEntity<JsonNode> foreign = completeRaw("minxian", tongweiTask,
        Map.of("responsiblePerson", str("x"), "responsiblePhone", str("13900000000")));
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // tongwei sees its own instance
    assertThat(call("tongwei", HttpMethod.GET, "/engine-rest/process-instance?processDefinitionKey=county-assignment&businessKey=KT-IT-2:tongwei", null)
        .getBody()).hasSize(1);

    // the supervisor reads every county's tasks and instances, and completes none of them
    assertThat(tasks("supervisor", "processInstanceBusinessKeyLike=KT-IT-2:%")).hasSize(2);
    assertThat(call("supervisor", HttpMethod.GET, "/engine-rest/process-instance?processDefinitionKey=county-assignment&businessKeyLike=KT-IT-2:%", null)
        .getBody()).hasSize(2);
    ResponseEntity<JsonNode> bySupervisor = completeRaw("supervisor", tongweiTask,
        Map.of("responsiblePerson", str("x"), "responsiblePhone", str("13900000000")));
    assertThat(bySupervisor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(onlyTask("tongwei", "processInstanceBusinessKey=KT-IT-2:tongwei").get("id")).isEqualTo(tongweiTask.get("id"));

    // without credentials nothing answers
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void demoUsersFindTheirFiltersInTasklist() {
    ResponseEntity<JsonNode> filters = call("anding", HttpMethod.GET, "/engine-rest/filter?resourceType=Task", null);
    List<String> names = new ArrayList<>();
    filters.getBody().forEach(f -> names.add(f.get("name").asText()));
    assertThat(names).contains("我的待办", "本县待办（安定区）", "即将到期", "已逾期").doesNotContain("本县待办（通渭县）", "待我审核");
    ResponseEntity<JsonNode> reviewerFilters = call("sthj", HttpMethod.GET, "/engine-rest/filter?resourceType=Task", null);
    List<String> reviewerNames = new ArrayList<>();
    reviewerFilters.getBody().forEach(f -> reviewerNames.add(f.get("name").asText()));
    assertThat(reviewerNames).contains("我的待办", "待我审核").doesNotContain("本县待办（安定区）");
  }

  // ------------------------------------------------------------------ HTTP helpers

  static Map<String, Object> str(String v) {
    return EngineRest.str(v);
  }

  Map<String, Map<String, Object>> reportVars(String period, int progress) {
    Map<String, Map<String, Object>> v = new LinkedHashMap<>();
    v.put("period", Map.of("value", period, "type", "String"));
    v.put("progress", Map.of("value", progress, "type", "Integer"));
    v.put("statusClass", Map.of("value", "序时推进", "type", "String"));
    v.put("workDone", Map.of("value", "完成12处工地围挡和喷淋", "type", "String"));
    v.put("filledBy", Map.of("value", "李娜", "type", "String"));
    v.put("countyLeader", Map.of("value", "王强", "type", "String"));
    return v;
  }

  ResponseEntity<JsonNode> upload(String user, String name, byte[] bytes) {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("file", new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, "demo").postForEntity("/api/catalogue/import", new HttpEntity<>(body, h), JsonNode.class);
  }

  EngineRest engineRest() {
    return new EngineRest(rest, "/engine-rest");
  }

  ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
    return engineRest().call(user, method, path, body);
  }

  List<JsonNode> tasks(String user, String query) {
    return engineRest().tasks(user, query);
  }

  JsonNode onlyTask(String user, String query) {
    return engineRest().onlyTask(user, query);
  }

  Map<String, Object> variables(String user, JsonNode task) {
    JsonNode vars = call(user, HttpMethod.GET, "/engine-rest/task/" + task.get("id").asText() + "/form-variables", null).getBody();
    Map<String, Object> out = new LinkedHashMap<>();
    vars.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("value").isNull() ? null : e.getValue().get("value").asText()));
    return out;
  }

  ResponseEntity<JsonNode> completeRaw(String user, JsonNode task, Map<String, ? extends Object> variables) {
    return engineRest().completeRaw(user, task, variables);
  }

  void complete(String user, JsonNode task, Map<String, ? extends Object> variables) {
    engineRest().complete(user, task, variables);
  }
}
