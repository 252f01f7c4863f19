package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.support.EngineRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The hostile county user's probes of issue 8, replayed as the exact requests through the
 * standard Camunda REST APIs with the county's own demo credentials, each asserting the refusal
 * and that nothing changed; and the probes that already held, so they keep holding. Its own
 * engine and database (named, so the REST calls address it as {@code /engine-rest/engine/security}:
 * several engines live in one test JVM); Tomcat takes the client address from X-Forwarded-For (as behind a proxy),
 * so the login throttle can be shown per address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=security",
    "spring.datasource.url=jdbc:h2:mem:security-it;DB_CLOSE_DELAY=-1",
    "server.forward-headers-strategy=native",
    "oversight.security.login.max-failures=5"})
class SecurityIT {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @BeforeEach
  void clock() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  static void setNow(LocalDateTime t) {
    ClockUtil.setCurrentTime(Date.from(t.atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  // ------------------------------------------------------------------ finding 1

  @Test
  void aCountyCannotNameItselfReviewerOfItsOwnReport() {
    String key = dispatch("2.2.1", "anding");
    acceptAsCounty(key, "anding");
    JsonNode report = onlyTask("anding", key);
    assertThat(report.get("taskDefinitionKey").asText()).isEqualTo("submitProgressReport");
    String pid = report.get("processInstanceId").asText();
    Object reviewers = runtimeService.getVariable(pid, "reviewerGroups");
    assertThat((String) reviewers).startsWith("dept-");

    Map<String, Object> vars = reportVars();
    vars.put("reviewerGroups", str("county-anding"));
    ResponseEntity<JsonNode> r = completeRaw("anding", report, vars);

    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("reviewerGroups");
    assertThat(onlyTask("anding", key).get("id")).isEqualTo(report.get("id"));
    assertThat(runtimeService.getVariable(pid, "reviewerGroups")).isEqualTo(reviewers);
    // the same through submit-form (Tasklist's way)
    ResponseEntity<JsonNode> viaForm = call("anding", HttpMethod.POST,
        "/engine-rest/engine/security/task/" + report.get("id").asText() + "/submit-form", Map.of("variables", vars));
    assertThat(viaForm.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // and through the variables API
    assertThat(call("anding", HttpMethod.PUT, "/engine-rest/engine/security/task/" + report.get("id").asText()
        + "/variables/reviewerGroups", str("county-anding")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("anding", HttpMethod.POST, "/engine-rest/engine/security/task/" + report.get("id").asText()
        + "/variables", Map.of("modifications", Map.of("reviewerGroups", str("county-anding"))))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.getVariable(pid, "reviewerGroups")).isEqualTo(reviewers);

    // the honest report goes to the lead unit, which the county cannot complete for it
    complete("anding", report, reportVars());
    JsonNode review = onlyTask(reviewerOf(key), key);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("reviewProgressReport");
    assertThat(completeRaw("anding", review, Map.of("reportDecision", str("approve"))).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(onlyTask(reviewerOf(key), key).get("id")).isEqualTo(review.get("id"));
  }

  @Test
  void aCountyCannotReviewItsOwnCompletionClaim() {
    String key = atClaim("2.2.2", "anding");
    JsonNode claim = onlyTask("anding", key);
    assertThat(claim.get("taskDefinitionKey").asText()).isEqualTo("claimCompletion");

    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("claimType", str("completed"));
    vars.put("completionSummary", str("全部完成"));
    vars.put("completionEvidence", pdf("现场照片.pdf"));
    vars.put("reviewerGroups", str("county-anding"));
    ResponseEntity<JsonNode> r = completeRaw("anding", claim, vars);

    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("reviewerGroups");
    assertThat(onlyTask("anding", key).get("id")).isEqualTo(claim.get("id"));
    assertThat(tasks("anding", key)).extracting(t -> t.get("taskDefinitionKey").asText())
        .doesNotContain("reviewCompletionClaim");
  }

  @Test
  void aCountyCannotPassItsOwnAcceptance() {
    String key = "RI-ZY-1:anding";
    assertThat(call("lead", HttpMethod.POST, "/api/rectification/" + key + "/dispatch", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    complete("anding", onlyTask("anding", key), Map.of("planMeasures", str("实施园区雨污分流改造"),
        "planGoal", str("园区污水全收集全处理"), "planDeadline", str("2026-12-31"), "planLeader", str("张副区长")));
    complete("lead", onlyTask("lead", key), Map.of("planDecision", str("approve")));
    Map<String, Object> report = reportVars();
    report.put("wantsCompletion", Map.of("value", true, "type", "Boolean"));
    complete("anding", onlyTask("anding", key), report);
    complete("sthj", onlyTask("sthj", key), Map.of("reportDecision", str("approve")));
    JsonNode request = onlyTask("anding", key);
    assertThat(request.get("taskDefinitionKey").asText()).isEqualTo("requestAcceptance");
    String pid = request.get("processInstanceId").asText();

    ResponseEntity<JsonNode> r = completeRaw("anding", request, Map.of("selfCheck", str("自查合格"),
        "acceptanceEvidence", pdf("验收材料.pdf"), "acceptanceGroup", str("county-anding")));

    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("acceptanceGroup");
    assertThat(runtimeService.getVariable(pid, "acceptanceGroup")).isEqualTo("dept-sthj");
    assertThat(onlyTask("anding", key).get("id")).isEqualTo(request.get("id"));
  }

  @Test
  void acceptingWithAReviewerGroupIsA400NotA500() {
    String key = dispatch("2.2.3", "anding");
    JsonNode accept = onlyTask("anding", key);
    ResponseEntity<JsonNode> r = completeRaw("anding", accept, Map.of("responsiblePerson", str("张伟"),
        "responsiblePhone", str("13909321234"), "reviewerGroups", str("county-anding")));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("reviewerGroups");
    assertThat(onlyTask("anding", key).get("id")).isEqualTo(accept.get("id"));
  }

  // ------------------------------------------------------------------ finding 2

  @Test
  void aCountyCannotClearItsWarning() {
    String key = dispatch("2.2.4", "tongwei");
    JsonNode accept = onlyTask("tongwei", key);
    String pid = accept.get("processInstanceId").asText();
    runtimeService.setVariable(pid, "warningLevel", "yellow"); // as the ladder would
    runtimeService.setVariable(pid, "warningLevelName", "黄牌");

    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("responsiblePerson", str("张伟"));
    vars.put("responsiblePhone", str("13909321234"));
    vars.put("warningLevel", str("none"));
    vars.put("warningLevelName", str("正常"));
    ResponseEntity<JsonNode> r = completeRaw("tongwei", accept, vars);

    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("warningLevel");
    assertThat(runtimeService.getVariable(pid, "warningLevel")).isEqualTo("yellow");
    assertThat(runtimeService.getVariable(pid, "warningLevelName")).isEqualTo("黄牌");
    assertThat(onlyTask("tongwei", key).get("id")).isEqualTo(accept.get("id"));
  }

  @Test
  void aStartFormTakesOnlyItsFieldsAndNoEngineOptions() {
    String key = dispatch("2.2.5", "weiyuan");
    acceptAsCounty(key, "weiyuan");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("extension-request").count();
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("itemKey", str(key));
    vars.put("extensionReason", str("施工期延长"));
    vars.put("requestedDue", Map.of("value", "2026-12-31T00:00:00.000+0800", "type", "Date"));
    vars.put("countyGroup", str("county-anding"));
    ResponseEntity<JsonNode> extra = call("weiyuan", HttpMethod.POST,
        "/engine-rest/engine/security/process-definition/key/extension-request/submit-form", Map.of("variables", vars));
    assertThat(extra.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(extra.getBody().get("message").asText()).contains("countyGroup");
    vars.remove("countyGroup");
    ResponseEntity<JsonNode> skipping = call("weiyuan", HttpMethod.POST,
        "/engine-rest/engine/security/process-definition/key/extension-request/start",
        Map.of("variables", vars, "skipCustomListeners", true));
    assertThat(skipping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(skipping.getBody().get("message").asText()).contains("skipCustomListeners");
    ResponseEntity<JsonNode> keyed = call("weiyuan", HttpMethod.POST,
        "/engine-rest/engine/security/process-definition/key/extension-request/submit-form",
        Map.of("variables", vars, "businessKey", "KT-2.2.5:anding"));
    assertThat(keyed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // a process the system starts has no start form: nobody but an operator starts it by hand
    assertThat(call("lead", HttpMethod.POST, "/engine-rest/engine/security/process-definition/key/county-assignment/start",
        Map.of("variables", Map.of("countyGroup", str("county-anding")))).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // messages are the server's: the objection form forwards them
    assertThat(call("lead", HttpMethod.POST, "/engine-rest/engine/security/message",
        Map.of("messageName", "publicNoticeObjection", "businessKey", key)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("extension-request").count())
        .isEqualTo(before);
    // the form as declared is taken
    ResponseEntity<JsonNode> honest = call("weiyuan", HttpMethod.POST,
        "/engine-rest/engine/security/process-definition/key/extension-request/submit-form", Map.of("variables", vars));
    assertThat(honest.getStatusCode()).as("%s", honest.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aTooLongTextIsA400NamingTheField() {
    String key = dispatch("2.3.1", "lintao");
    JsonNode accept = onlyTask("lintao", key);
    ResponseEntity<JsonNode> r = completeRaw("lintao", accept, Map.of("responsiblePerson", str("张".repeat(10_000)),
        "responsiblePhone", str("13909321234")));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("responsiblePerson").contains("上限");
    assertThat(onlyTask("lintao", key).get("id")).isEqualTo(accept.get("id"));
  }

  // ------------------------------------------------------------------ findings 3 and 4

  @Test
  void refusedJobCallsSpendNoRetryAndOperatorJobsAreOutOfReach() {
    String key = dispatch("2.3.2", "anding");
    String pid = onlyTask("anding", key).get("processInstanceId").asText();
    // a timer of anding's (the 签收 follow-up or any timer of the instance), and a mail job
    List<Job> jobs = managementService.createJobQuery().processInstanceId(pid).list();
    Job mail = managementService.createJobQuery().processDefinitionKey("send-notice").list().stream().findFirst()
        .orElse(null);
    List<Job> targets = new ArrayList<>(jobs);
    if (mail != null) {
      targets.add(mail);
    }
    assertThat(targets).isNotEmpty();
    for (Job job : targets) {
      for (int i = 0; i < 3; i++) {
        assertThat(call("tongwei", HttpMethod.POST, "/engine-rest/engine/security/job/" + job.getId() + "/execute", null)
            .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call("anding", HttpMethod.POST, "/engine-rest/engine/security/job/" + job.getId() + "/execute", null)
            .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      }
      Job after = managementService.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(after.getRetries()).isEqualTo(job.getRetries());
      assertThat(after.getExceptionMessage()).isNull();
    }
    assertThat(runtimeService.createIncidentQuery().count()).isZero();

    Job cleanup = managementService.createJobQuery().list().stream()
        .filter(j -> "history-cleanup".equals(((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j).getJobHandlerType()))
        .findFirst().orElseGet(() -> {
          org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
          historyService.cleanUpHistoryAsync(); // the engine schedules it in its batch window; make sure it exists
          return managementService.createJobQuery().list().stream()
              .filter(j -> "history-cleanup".equals(((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j).getJobHandlerType()))
              .findFirst().orElseThrow();
        });
    String id = cleanup.getId();
    assertThat(call("tongwei", HttpMethod.GET, "/engine-rest/engine/security/job", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("tongwei", HttpMethod.PUT, "/engine-rest/engine/security/job/" + id + "/duedate",
        Map.of("duedate", "2030-01-01T00:00:00.000+0800")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("tongwei", HttpMethod.PUT, "/engine-rest/engine/security/job/" + id + "/suspended", Map.of("suspended", true))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("tongwei", HttpMethod.PUT, "/engine-rest/engine/security/job/" + id + "/retries", Map.of("retries", 0))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("tongwei", HttpMethod.DELETE, "/engine-rest/engine/security/job/" + id, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    Job still = managementService.createJobQuery().jobId(id).singleResult();
    assertThat(still).isNotNull();
    assertThat(still.isSuspended()).isFalse();
    assertThat(still.getRetries()).isEqualTo(cleanup.getRetries());
    assertThat(still.getDuedate()).isEqualTo(cleanup.getDuedate());
  }

  // ------------------------------------------------------------------ finding 5

  @Test
  void wrongPasswordsSlowTheGuesserNotTheVictim() {
    String attacker = "203.0.113.7";
    for (int i = 0; i < 5; i++) {
      assertThat(callFrom(attacker, "zzb", "guess" + i, "/engine-rest/engine/security/task").getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    // the guesser's address is slowed, even with the right password
    assertThat(callFrom(attacker, "zzb", "demo", "/engine-rest/engine/security/task").getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(callFrom(attacker, "zzb", "demo", "/api/supervision/board").getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    // the victim, from their own desk, is not locked out
    assertThat(callFrom("198.51.100.20", "zzb", "demo", "/engine-rest/engine/security/task").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(identityService.checkPassword("zzb", "demo")).isTrue();
    assertThat(((org.camunda.bpm.engine.impl.persistence.entity.UserEntity) identityService.createUserQuery()
        .userId("zzb").singleResult()).getLockExpirationTime()).isNull();
  }

  // ------------------------------------------------------------------ findings 6, 7, 8

  @Test
  void identityOracleCockpitStatisticsAndTheDirectoryAreClosedToCounties() throws Exception {
    ResponseEntity<JsonNode> verify = call("anding", HttpMethod.POST, "/engine-rest/engine/security/identity/verify",
        Map.of("username", "lead", "password", "demo"));
    assertThat(verify.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(verify.getBody().toString()).doesNotContain("authenticated");

    Session county = Session.login(port, "anding", "demo", "tasklist");
    HttpResponse<String> stats = county.get("/camunda/api/cockpit/plugin/base/security/process-definition/statistics");
    assertThat(stats.statusCode()).isEqualTo(403);
    assertThat(stats.body()).doesNotContain("instances");
    assertThat(county.get("/camunda/api/engine/engine/security/job").statusCode()).isEqualTo(403);
    assertThat(county.get("/camunda/api/engine/engine/security/task").statusCode()).isEqualTo(200);
    Session supervisor = Session.login(port, "supervisor", "demo", "cockpit");
    assertThat(supervisor.get("/camunda/api/cockpit/plugin/base/security/process-definition/statistics").statusCode())
        .isEqualTo(200);

    List<String> seen = new ArrayList<>();
    call("anding", HttpMethod.GET, "/engine-rest/engine/security/user?maxResults=500", null).getBody()
        .forEach(u -> seen.add(u.get("id").asText()));
    assertThat(seen).contains("anding", "lead", "supervisor", "zjj", "sthj")
        .doesNotContain("tongwei", "minxian", "admin");
    assertThat(call("anding", HttpMethod.GET, "/engine-rest/engine/security/user/tongwei/profile", null).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    List<String> leadSees = new ArrayList<>();
    call("lead", HttpMethod.GET, "/engine-rest/engine/security/user?maxResults=500", null).getBody()
        .forEach(u -> leadSees.add(u.get("id").asText()));
    assertThat(leadSees).contains("anding", "tongwei", "zjj");
  }

  // ------------------------------------------------------------------ finding 9

  @Test
  void aLeadDecidesThroughTasksAndOperatorActionsShowInTheCaseFile() {
    String key = atClaim("2.4.3", "zhangxian");
    complete("zhangxian", onlyTask("zhangxian", key), Map.of("claimType", str("completed"),
        "completionSummary", str("全部完成"), "completionEvidence", pdf("现场照片.pdf")));
    complete(reviewerOf(key), onlyTask(reviewerOf(key), key), Map.of("claimDecision", str("approve")));
    String pid = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey("county-assignment").singleResult().getId();
    Job notice = managementService.createJobQuery().processInstanceId(pid).timers().singleResult();
    assertThat(notice).as("the public notice's timer").isNotNull();

    assertThat(call("lead", HttpMethod.PUT, "/engine-rest/engine/security/process-instance/" + pid + "/suspended",
        Map.of("suspended", true)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lead", HttpMethod.PUT, "/engine-rest/engine/security/process-instance/" + pid + "/variables/closure",
        str("已销号")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lead", HttpMethod.POST, "/engine-rest/engine/security/job/" + notice.getId() + "/execute", null)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lead", HttpMethod.POST, "/engine-rest/engine/security/process-instance/" + pid + "/modification",
        Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "signOffAssignment"))))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult().isSuspended()).isFalse();
    assertThat(runtimeService.getVariable(pid, "closure")).isNull();
    assertThat(managementService.createJobQuery().jobId(notice.getId()).singleResult()).isNotNull();
    // nor through the engine itself: the grants that allowed it are gone
    identityService.setAuthentication("lead", List.of("lead"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService.suspendProcessInstanceById(pid))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      identityService.clearAuthentication();
    }

    // the operator may cut the notice short, and the case file says who did
    assertThat(callAs("admin", "demo", HttpMethod.POST, "/engine-rest/engine/security/job/" + notice.getId() + "/execute", null)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode caseFile = call("lead", HttpMethod.GET, "/api/case-files/" + key, null).getBody();
    List<String> operator = new ArrayList<>();
    caseFile.get("entries").forEach(e -> {
      if ("OPERATOR".equals(e.get("kind").asText())) {
        operator.add(e.get("step").asText() + " by " + e.get("userId").asText());
      }
    });
    assertThat(operator).containsExactly("运维操作：手动执行作业（如提前触发定时器） by admin");
  }

  // ------------------------------------------------------------------ finding 10

  @Test
  void anExecutableNamedPdfIsRefusedByItsContent() {
    String key = atClaim("2.4.4", "minxian");
    JsonNode claim = onlyTask("minxian", key);
    byte[] program = new byte[512];
    program[0] = 'M';
    program[1] = 'Z';
    program[2] = (byte) 0x90;
    Map<String, Object> exe = new LinkedHashMap<>();
    exe.put("value", Base64.getEncoder().encodeToString(program));
    exe.put("type", "File");
    exe.put("valueInfo", Map.of("filename", "报告.exe.pdf", "mimetype", "application/pdf"));
    ResponseEntity<JsonNode> r = completeRaw("minxian", claim, Map.of("claimType", str("completed"),
        "completionSummary", str("全部完成"), "completionEvidence", exe));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("completionEvidence").contains("报告.exe.pdf")
        .contains("可执行程序");
    assertThat(onlyTask("minxian", key).get("id")).isEqualTo(claim.get("id"));
  }

  // ------------------------------------------------------------------ probes that already held

  @Test
  void isolationBetweenCountiesAndOperatorApisStillHold() {
    String key = dispatch("2.4.1", "longxi");
    JsonNode task = onlyTask("longxi", key);
    String id = task.get("id").asText();
    assertThat(tasks("lintao", key)).isEmpty();
    assertThat(call("lintao", HttpMethod.GET, "/engine-rest/engine/security/task/" + id + "/variables", null).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(completeRaw("lintao", task, Map.of("responsiblePerson", str("x"), "responsiblePhone",
        str("13900000000"))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lintao", HttpMethod.GET, "/engine-rest/engine/security/history/process-instance?processInstanceBusinessKey="
        + key, null).getBody()).isEmpty();
    assertThat(call("lintao", HttpMethod.GET, "/engine-rest/engine/security/deployment", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lintao", HttpMethod.GET, "/engine-rest/engine/security/authorization", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lintao", HttpMethod.POST, "/engine-rest/engine/security/user/create", Map.of("profile", Map.of("id", "x"),
        "credentials", Map.of("password", "xxxxxxxx"))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lintao", HttpMethod.POST, "/engine-rest/engine/security/deployment/create", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("lintao", HttpMethod.GET, "/actuator/env", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.getForEntity("/engine-rest/engine/security/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // a user changes their own password, nobody else's
    assertThat(call("lintao", HttpMethod.PUT, "/engine-rest/engine/security/user/longxi/credentials",
        Map.of("password", "hijacked1", "authenticatedUserPassword", "demo")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identityService.checkPassword("longxi", "demo")).isTrue();
    assertThat(onlyTask("longxi", key).get("id").asText()).isEqualTo(id);
  }

  @Test
  void aSessionWriteWithoutTheCsrfTokenIsRefused() throws Exception {
    String key = dispatch("2.4.2", "weiyuan");
    JsonNode task = onlyTask("weiyuan", key);
    Session county = Session.login(port, "weiyuan", "demo", "tasklist");
    HttpResponse<String> r = county.postWithoutCsrf("/camunda/api/engine/engine/security/task/"
        + task.get("id").asText() + "/claim", "{\"userId\":\"weiyuan\"}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.get("id").asText()).singleResult().getAssignee()).isNull();
    // with the token (a fresh login: the refused request ends the session), the clerk claims it
    county = Session.login(port, "weiyuan", "demo", "tasklist");
    HttpResponse<String> claimed = county.post("/camunda/api/engine/engine/security/task/" + task.get("id").asText()
        + "/claim", "{\"userId\":\"weiyuan\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(task.get("id").asText()).singleResult().getAssignee())
        .isEqualTo("weiyuan");
  }

  // ------------------------------------------------------------------ helpers

  /** The lead dispatches a bundled catalogue task to the given counties; the first county's business key. */
  String dispatch(String code, String... counties) {
    ResponseEntity<JsonNode> started = call("lead", HttpMethod.POST, "/api/catalogue/" + code + "/dispatch", null);
    assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode dispatch = tasks("lead", "KT-" + code).get(0);
    complete("lead", dispatch, Map.of("assignedCounties", str(String.join(",", counties))));
    return "KT-" + code + ":" + counties[0];
  }

  /**
   * Dispatched to the county, accepted, reported with a completion wish and approved by the lead
   * unit: the county's 申请销号 is open. The business key.
   */
  String atClaim(String code, String county) {
    String key = dispatch(code, county);
    acceptAsCounty(key, county);
    Map<String, Object> report = reportVars();
    report.put("wantsCompletion", Map.of("value", true, "type", "Boolean"));
    complete(county, onlyTask(county, key), report);
    complete(reviewerOf(key), onlyTask(reviewerOf(key), key), Map.of("reportDecision", str("approve")));
    return key;
  }

  void acceptAsCounty(String key, String county) {
    complete(county, onlyTask(county, key), Map.of("responsiblePerson", str("张伟"),
        "responsiblePhone", str("13909321234")));
  }

  /** The user of the item's first lead unit (demo users are named by unit code). */
  String reviewerOf(String key) {
    String pid = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey("county-assignment").singleResult().getId();
    String groups = (String) runtimeService.getVariable(pid, "reviewerGroups");
    return groups.split(",")[0].trim().substring("dept-".length());
  }

  static Map<String, Object> str(String v) {
    return EngineRest.str(v);
  }

  static Map<String, Object> pdf(String name) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("value", Base64.getEncoder().encodeToString("%PDF-1.4 evidence".getBytes(StandardCharsets.US_ASCII)));
    file.put("type", "File");
    file.put("valueInfo", Map.of("filename", name, "mimetype", "application/pdf"));
    return file;
  }

  static Map<String, Object> reportVars() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("period", str("2026-11"));
    v.put("progress", Map.of("value", 40, "type", "Integer"));
    v.put("statusClass", str("序时推进"));
    v.put("workDone", str("完成12处工地围挡和喷淋"));
    v.put("filledBy", str("李娜"));
    v.put("countyLeader", str("王强"));
    return v;
  }

  EngineRest engineRest() {
    return new EngineRest(rest, "/engine-rest/engine/security");
  }

  ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
    return engineRest().call(user, method, path, body);
  }

  ResponseEntity<JsonNode> callAs(String user, String password, HttpMethod method, String path, Object body) {
    return engineRest().callAs(user, password, method, path, body);
  }

  ResponseEntity<String> callFrom(String address, String user, String password, String path) {
    HttpHeaders h = new HttpHeaders();
    h.set("X-Forwarded-For", address);
    h.setBasicAuth(user, password);
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
  }

  List<JsonNode> tasks(String user, String businessKey) {
    return engineRest().tasks(user, "processInstanceBusinessKey=" + businessKey);
  }

  JsonNode onlyTask(String user, String businessKey) {
    return engineRest().onlyTask(user, "processInstanceBusinessKey=" + businessKey);
  }

  ResponseEntity<JsonNode> completeRaw(String user, JsonNode task, Map<String, ? extends Object> variables) {
    return engineRest().completeRaw(user, task, variables);
  }

  void complete(String user, JsonNode task, Map<String, ? extends Object> variables) {
    engineRest().complete(user, task, variables);
  }

  /** A logged-in webapp session (cookies and the CSRF token), as a browser holds it. */
  static final class Session {
    final HttpClient client;
    final CookieManager cookies = new CookieManager();
    final String base;

    private Session(int port) {
      this.base = "http://127.0.0.1:" + port;
      this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    static Session login(int port, String user, String password, String app) throws Exception {
      Session s = new Session(port);
      s.get("/camunda/app/" + app + "/security/");
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpResponse<String> r = s.client.send(HttpRequest.newBuilder(URI.create(s.base
              + "/camunda/api/admin/auth/user/security/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", s.csrf())
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("login of %s: %s", user, r.body()).isEqualTo(200);
      s.get("/camunda/api/admin/auth/user/security"); // the token of the new session, as the app fetches it
      return s;
    }

    String csrf() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElse("");
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET()
          .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String jsonBody) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .header("X-XSRF-TOKEN", csrf()).POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postWithoutCsrf(String path, String jsonBody) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
