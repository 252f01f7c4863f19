package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
 * Camunda REST API with their own credentials, the county's periodic report and the lead unit's
 * review of its row through the report forms' API, the public notice passes by the engine clock,
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
    LeaveNothingRunning.endOwn(runtimeService, REPORT);
  }

  static void setNow(LocalDateTime t) {
    ClockUtil.setCurrentTime(Date.from(t.atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  /**
   * longxi's assignment of IT-1 and the periodic report it is reported in: a party and period of
   * this test's own (a party has one report per period, and RectificationLifecycleIT, on the same
   * database, reports anding's November).
   */
  static final String ASSIGNMENT = "KT-IT-1:longxi";
  static final String REPORT = "PR-longxi-2026-11";

  @Test
  void importDispatchReportReturnResubmitClaimNoticeSignOff() throws Exception {
    // 1. the lead imports an official-style table and dispatches IT-1
    ResponseEntity<JsonNode> imported = upload("lead", "/api/catalogue/import", "分工方案.csv",
        TABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(imported.getBody().get("created").asInt()).isEqualTo(2);
    ResponseEntity<JsonNode> dispatched = call("lead", HttpMethod.POST, "/api/catalogue/IT-1/dispatch", null);
    assertThat(dispatched.getBody().get("started").asBoolean()).isTrue();

    JsonNode dispatch = onlyTask("lead", "processInstanceBusinessKey=KT-IT-1");
    assertThat(dispatch.get("taskDefinitionKey").asText()).isEqualTo("dispatchKeyTask");
    Map<String, Object> formVars = variables("lead", dispatch);
    assertThat(formVars).containsEntry("proposedCounties", "anding,longxi").containsEntry("leadUnitNames", "市住建局")
        // 市城市管理局, named among the 责任单位, carries the task itself (承办)
        .containsEntry("proposedUnits", "cgj");
    complete("lead", dispatch, Map.of("assignedCounties", str("anding,longxi")));
    assertThat(onlyTask("cgj", "processInstanceBusinessKey=KT-IT-1:cgj").get("taskDefinitionKey").asText())
        .isEqualTo("acceptAssignment");

    // 2. the county accepts; the lead opens November's reporting; the county reports in its periodic report
    JsonNode accept = onlyTask("longxi", "processInstanceBusinessKey=" + ASSIGNMENT);
    assertThat(accept.get("taskDefinitionKey").asText()).isEqualTo("acceptAssignment");
    assertThat(accept.get("due").asText()).startsWith("2026-11-05");
    complete("longxi", accept, Map.of("responsiblePerson", str("张伟"), "responsiblePhone", str("13909321234")));
    assertThat(tasks("longxi", "processInstanceBusinessKey=" + ASSIGNMENT)).as("办理中: no task of its own").isEmpty();

    assertThat(call("longxi", HttpMethod.POST, "/api/periodic-reports/open?period=2026-11", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> opened = call("lead", HttpMethod.POST, "/api/periodic-reports/open?period=2026-11", null);
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(opened.getBody().get("period").asText()).isEqualTo("2026-11");

    JsonNode report = onlyTask("longxi", "processInstanceBusinessKey=" + REPORT);
    assertThat(report.get("taskDefinitionKey").asText()).isEqualTo("submitPeriodicReport");
    assertThat(report.get("name").asText()).isEqualTo("陇西县 2026年11月 重点任务及督察整改进展报送");
    assertThat(report.get("due").asText()).startsWith("2026-12-07");
    JsonNode view = reportApi("longxi", HttpMethod.GET, "/tasks/" + id(report), null).getBody();
    assertThat(view.get("mode").asText()).isEqualTo("fill");
    assertThat(view.get("rows")).extracting(r -> r.get("caseKey").asText()).containsExactly(ASSIGNMENT);
    assertThat(view.get("rows").get(0).get("reviewer").asText()).isEqualTo("市住建局");
    // another county neither reads nor fills it
    assertThat(reportApi("anding", HttpMethod.GET, "/tasks/" + id(report), null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(reportApi("anding", HttpMethod.PUT, rowPath(report), row(40, false)).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // a value out of range is refused as it is saved, naming the row and the field
    ResponseEntity<JsonNode> refused = reportApi("longxi", HttpMethod.PUT, rowPath(report), row(150, false));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText()).contains("progress").contains("完成进度").contains("IT-1");
    // a report with a row not filled in is refused as a whole, through complete and submit-form alike
    ResponseEntity<JsonNode> unfilled = completeRaw("longxi", report, signedOff());
    assertThat(unfilled.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unfilled.getBody().get("message").asText()).contains("progress").contains("完成进度");
    ResponseEntity<JsonNode> unfilledForm = call("longxi", HttpMethod.POST,
        "/engine-rest/task/" + id(report) + "/submit-form", Map.of("variables", signedOff()));
    assertThat(unfilledForm.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(onlyTask("longxi", "processInstanceBusinessKey=" + REPORT).get("id")).isEqualTo(report.get("id"));

    assertThat(reportApi("longxi", HttpMethod.PUT, rowPath(report), row(40, false)).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    complete("longxi", report, signedOff());

    // 3. the lead unit returns the row, the county resubmits it claiming completion, the lead unit approves
    JsonNode review = onlyTask("zjj", "processInstanceBusinessKey=" + REPORT);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("reviewReportRows");
    // another unit's reviewer neither sees, decides nor completes what it does not lead
    assertThat(tasks("fgw", "processInstanceBusinessKey=" + REPORT)).isEmpty();
    assertThat(reportApi("fgw", HttpMethod.PUT, reviewPath(review), Map.of("decision", "approve",
        "judgement", "序时推进")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(completeRaw("fgw", review, Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // nor does the county decide on its own row
    assertThat(reportApi("longxi", HttpMethod.PUT, reviewPath(review), Map.of("decision", "approve",
        "judgement", "序时推进")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(reportApi("zjj", HttpMethod.PUT, reviewPath(review), Map.of("decision", "return",
        "comment", "请补充工地视频监控截图")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    complete("zjj", review, Map.of());

    JsonNode revise = onlyTask("longxi", "processInstanceBusinessKey=" + REPORT);
    assertThat(revise.get("taskDefinitionKey").asText()).isEqualTo("resubmitReturnedRows");
    JsonNode returnedRow = reportApi("longxi", HttpMethod.GET, "/tasks/" + id(revise), null).getBody().get("rows").get(0);
    assertThat(returnedRow.get("caseKey").asText()).isEqualTo(ASSIGNMENT);
    assertThat(returnedRow.get("state").asText()).isEqualTo("returned");
    assertThat(returnedRow.get("reviewComment").asText()).isEqualTo("请补充工地视频监控截图");
    assertThat(tasks("longxi", "processInstanceBusinessKey=" + ASSIGNMENT)).isEmpty();

    // claiming completion (已完成) needs evidence
    assertThat(reportApi("longxi", HttpMethod.PUT, rowPath(revise), row(100, true)).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    ResponseEntity<JsonNode> noEvidence = completeRaw("longxi", revise, signedOff());
    assertThat(noEvidence.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noEvidence.getBody().get("message").asText()).contains("佐证材料");
    ResponseEntity<JsonNode> evidence = upload("longxi", "/api/periodic-reports" + rowPath(revise) + "/files",
        "现场照片.pdf", "%PDF-1.4 evidence".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(evidence.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(evidence.getBody().get("name").asText()).isEqualTo("现场照片.pdf");
    complete("longxi", revise, signedOff());

    // the claim moves the assignment to 审核销号申请 at once, with the row's evidence
    JsonNode claimReview = onlyTask("zjj", "processInstanceBusinessKey=" + ASSIGNMENT);
    assertThat(claimReview.get("taskDefinitionKey").asText()).isEqualTo("reviewCompletionClaim");
    JsonNode claimFiles = reportApi("zjj", HttpMethod.GET, "/claims/" + id(claimReview) + "/files", null).getBody();
    assertThat(claimFiles).extracting(f -> f.get("name").asText()).containsExactly("现场照片.pdf");
    ResponseEntity<byte[]> download = rest.withBasicAuth("zjj", "demo").exchange(claimFiles.get(0).get("url").asText(),
        HttpMethod.GET, null, byte[].class);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new String(download.getBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 evidence");

    // the resubmitted row goes back to the lead unit alone, which approves it as 已完成: the report is done
    JsonNode again = onlyTask("zjj", "processInstanceBusinessKey=" + REPORT);
    assertThat(again.get("taskDefinitionKey").asText()).isEqualTo("reviewReportRows");
    assertThat(reportApi("zjj", HttpMethod.PUT, reviewPath(again), Map.of("decision", "approve",
        "judgement", "已完成")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    complete("zjj", again, Map.of());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("periodic-report")
        .processInstanceBusinessKey(REPORT).count()).as("report done").isZero();

    // 4. the lead unit approves the claim
    complete("zjj", claimReview, Map.of("claimDecision", str("approve")));

    // 5. the public notice passes by the engine clock; the lead signs off
    String assignmentId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ASSIGNMENT)
        .processDefinitionKey("county-assignment").singleResult().getId();
    Job timer = managementService.createJobQuery().processInstanceId(assignmentId).timers().singleResult();
    setNow(LocalDateTime.of(2026, 11, 10, 9, 0));
    managementService.executeJob(timer.getId());
    JsonNode signOff = onlyTask("lead", "processInstanceBusinessKey=" + ASSIGNMENT);
    assertThat(signOff.get("taskDefinitionKey").asText()).isEqualTo("signOffAssignment");
    complete("lead", signOff, Map.of("signOffDecision", str("approve")));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(assignmentId).count()).isZero();
    ResponseEntity<JsonNode> history = call("lead", HttpMethod.GET,
        "/engine-rest/history/process-instance?processDefinitionKey=county-assignment&processInstanceBusinessKey="
            + ASSIGNMENT, null);
    assertThat(history.getBody().get(0).get("state").asText()).isEqualTo("COMPLETED");
    ResponseEntity<JsonNode> ended = call("lead", HttpMethod.GET,
        "/engine-rest/history/activity-instance?activityId=assignmentSignedOff&processInstanceId=" + assignmentId, null);
    assertThat(ended.getBody()).hasSize(1);

    // 6. the mails: dispatch to both counties and the department, the report's opening and its returned
    // row to longxi, delivered by the job executor (ours only: another test's notices are not our mails)
    for (String key : List.of("KT-IT-1%", REPORT)) {
      for (var notice : runtimeService.createProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
          .processInstanceBusinessKeyLike(key).list()) {
        for (Job j : managementService.createJobQuery().processInstanceId(notice.getId()).list()) {
          managementService.executeJob(j.getId());
        }
      }
    }
    List<String> got = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      got.add(m.getAllRecipients()[0] + " " + m.getSubject());
    }
    assertThat(got).containsExactlyInAnyOrder(
        "anding@demo.oversight.local 【任务交办】IT-1 城区扬尘专项整治",
        "longxi@demo.oversight.local 【任务交办】IT-1 城区扬尘专项整治",
        "cgj@demo.oversight.local 【任务交办】IT-1 城区扬尘专项整治",
        "longxi@demo.oversight.local 【定期报送】陇西县 2026年11月 重点任务及督察整改进展报送",
        "longxi@demo.oversight.local 【退回重报】陇西县 2026年11月 重点任务及督察整改进展报送");
    MimeMessage returned = java.util.Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> { try { return m.getSubject().startsWith("【退回重报】"); } catch (Exception e) { return false; } })
        .findFirst().orElseThrow();
    assertThat((String) returned.getContent()).contains("IT-1 城区扬尘专项整治").contains("请补充工地视频监控截图")
        .contains("/camunda/app/tasklist/default/#/?task=" + id(revise));
  }

  @Test
  void countiesSeeOnlyTheirOwnWorkAndSupervisorsCompleteNothingOfTheirs() throws Exception {
    upload("lead", "/api/catalogue/import", "分工方案.csv", TABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

  /** The county's sign-off of its report: 填报人 and the leader (the rows are saved through the report API). */
  static Map<String, Object> signedOff() {
    return Map.of("filledBy", str("李娜"), "countyLeader", str("王强"));
  }

  /** The county's values of its row, as the report form saves them. */
  static Map<String, Object> row(int progress, boolean claim) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("progress", progress);
    v.put("workDone", claim ? "全部工地落实扬尘防治措施" : "完成12处工地围挡和喷淋");
    v.put("problems", "部分工地视频监控未联网");
    v.put("nextSteps", "推进视频监控联网");
    v.put("claim", claim);
    if (claim) {
      v.put("claimType", "completed");
      v.put("claimSummary", "工地扬尘治理全部到位");
    }
    return v;
  }

  static String id(JsonNode task) {
    return task.get("id").asText();
  }

  static String rowPath(JsonNode reportTask) {
    return "/tasks/" + id(reportTask) + "/rows/" + ASSIGNMENT;
  }

  static String reviewPath(JsonNode reviewTask) {
    return "/tasks/" + id(reviewTask) + "/reviews/" + ASSIGNMENT;
  }

  /** The periodic report forms' API, as the forms call it. */
  ResponseEntity<JsonNode> reportApi(String user, HttpMethod method, String path, Object body) {
    return call(user, method, "/api/periodic-reports" + path, body);
  }

  ResponseEntity<JsonNode> upload(String user, String path, String name, byte[] bytes) {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("file", new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(body, h), JsonNode.class);
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
