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
import org.ecobureau.oversight.reporting.ReportRepository;
import org.ecobureau.oversight.reporting.ReportRow;
import org.ecobureau.oversight.support.EngineRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The hostile county user's probes of issue 8, replayed as the exact requests through the
 * standard Camunda REST APIs and the periodic report's API ({@code /api/periodic-reports}) with
 * the county's own demo credentials, each asserting the refusal and that nothing changed; and the
 * probes that already held, so they keep holding. Its own
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
  @Autowired ReportRepository reports;
  @LocalServerPort int port;

  static final String ENGINE = "/engine-rest/engine/security";
  static final String API = "/api/periodic-reports";
  /** The reporting period of the tests: the clock stands at 2 November 2026. */
  static final String PERIOD = "2026-11";
  static final byte[] PDF = "%PDF-1.4 evidence".getBytes(StandardCharsets.US_ASCII);

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
    String key = dispatch("3.3.1", "longxi");
    acceptAsCounty(key, "longxi");
    String assignment = assignmentInstance(key);
    assertThat(runtimeService.getVariable(assignment, "reviewerGroups")).isEqualTo("dept-sthj");
    String reportKey = openReport("longxi");
    JsonNode report = onlyTask("longxi", reportKey);
    assertThat(report.get("taskDefinitionKey").asText()).isEqualTo("submitPeriodicReport");
    String taskId = report.get("id").asText();
    String pid = report.get("processInstanceId").asText();
    assertThat(candidateGroups(taskId)).containsExactly("county-longxi");
    fillAll("longxi", taskId);

    // whatever the review groups are called, sending one with the report is refused, and so is
    // writing one as a variable; nothing moves
    for (String name : List.of("reviewerGroups", "reviewGroups", "reviewGroup", "partyGroup")) {
      Map<String, Object> vars = reportVars();
      vars.put(name, str("county-longxi"));
      ResponseEntity<JsonNode> r = completeRaw("longxi", report, vars);
      assertThat(r.getStatusCode()).as(name).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(r.getBody().get("message").asText()).contains(name);
      // the same through submit-form (Tasklist's way)
      assertThat(call("longxi", HttpMethod.POST, ENGINE + "/task/" + taskId + "/submit-form",
          Map.of("variables", vars)).getStatusCode()).as(name).isEqualTo(HttpStatus.BAD_REQUEST);
      // and through the variables API, of the instance and of the task alone
      assertThat(call("longxi", HttpMethod.PUT, ENGINE + "/task/" + taskId + "/variables/" + name,
          str("county-longxi")).getStatusCode()).as(name).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(call("longxi", HttpMethod.PUT, ENGINE + "/task/" + taskId + "/localVariables/" + name,
          str("county-longxi")).getStatusCode()).as(name).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(call("longxi", HttpMethod.POST, ENGINE + "/task/" + taskId + "/variables",
          Map.of("modifications", Map.of(name, str("county-longxi")))).getStatusCode()).as(name)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(onlyTask("longxi", reportKey).get("id")).isEqualTo(report.get("id"));
    assertThat(runtimeService.getVariable(pid, "reviewGroups")).isNull();
    assertThat(runtimeService.getVariable(pid, "partyGroup")).isEqualTo("county-longxi");
    assertThat(taskService.getVariablesLocal(taskId)).doesNotContainKeys("reviewerGroups", "reviewGroups",
        "reviewGroup", "partyGroup");
    assertThat(runtimeService.getVariable(assignment, "reviewerGroups")).isEqualTo("dept-sthj");
    assertThat(reports.rows(reportKey)).extracting(ReportRow::state).containsOnly(ReportRow.OPEN);
    assertThat(reviewTasks(reportKey)).isEmpty();

    // nor can the county decide its own rows on its report task
    ResponseEntity<JsonNode> ownDecision = call("longxi", HttpMethod.PUT, API + "/tasks/" + taskId + "/reviews/" + key,
        approval());
    assertThat(ownDecision.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(reports.reviewDecision(reportKey, key)).isEmpty();
    assertThat(reports.row(reportKey, key).orElseThrow().judgement()).isNull();

    // the honest report goes to the lead unit, whose review the county neither sees nor decides
    complete("longxi", report, reportVars());
    JsonNode review = onlyTask("sthj", reportKey);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("reviewReportRows");
    String reviewId = review.get("id").asText();
    assertThat(candidateGroups(reviewId)).containsExactly("dept-sthj");
    assertThat(tasks("longxi", reportKey)).isEmpty();
    assertThat(call("longxi", HttpMethod.GET, API + "/tasks/" + reviewId, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("longxi", HttpMethod.PUT, API + "/tasks/" + reviewId + "/reviews/" + key, approval())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(completeRaw("longxi", review, Map.of()).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(completeRaw("longxi", review, Map.of("reviewGroup", str("county-longxi"))).getStatusCode())
        .isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(onlyTask("sthj", reportKey).get("id")).isEqualTo(review.get("id"));
    assertThat(reports.reviewDecision(reportKey, key)).isEmpty();
    assertThat(reports.row(reportKey, key).orElseThrow().state()).isEqualTo(ReportRow.SUBMITTED);

    // the lead unit decides its rows
    decideAll("sthj", reviewId);
    complete("sthj", review, Map.of());
    assertThat(reports.row(reportKey, key).orElseThrow().state()).isEqualTo(ReportRow.APPROVED);
  }

  @Test
  void aCountyCannotReviewItsOwnCompletionClaim() {
    String key = dispatch("3.3.3", "tongwei");
    acceptAsCounty(key, "tongwei");
    String assignment = assignmentInstance(key);
    assertThat(runtimeService.getVariable(assignment, "reviewerGroups")).isEqualTo("dept-fgw");
    String reportKey = openReport("tongwei");
    JsonNode report = onlyTask("tongwei", reportKey);
    String taskId = report.get("id").asText();
    fillAll("tongwei", taskId);
    assertThat(saveRow("tongwei", taskId, key, claimRow()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(upload("tongwei", taskId, key, "现场照片.pdf", PDF).getStatusCode()).isEqualTo(HttpStatus.OK);

    // the claim rides on the report: naming a reviewer with it is refused
    for (String name : List.of("reviewerGroups", "reviewGroups", "reviewGroup", "partyGroup")) {
      Map<String, Object> vars = reportVars();
      vars.put(name, str("county-tongwei"));
      ResponseEntity<JsonNode> r = completeRaw("tongwei", report, vars);
      assertThat(r.getStatusCode()).as(name).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(r.getBody().get("message").asText()).contains(name);
    }
    // so are the old claim form's fields and the server's link from the claim to its report
    Map<String, Object> oldClaim = reportVars();
    oldClaim.put("claimType", str("completed"));
    oldClaim.put("completionSummary", str("全部完成"));
    oldClaim.put("completionEvidence", pdf("现场照片.pdf"));
    oldClaim.put("claimReport", str("PR-anding-2026-11"));
    ResponseEntity<JsonNode> old = completeRaw("tongwei", report, oldClaim);
    assertThat(old.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(old.getBody().get("message").asText()).contains("completionEvidence").contains("claimReport");
    // and the county cannot send the claim's message itself
    assertThat(call("tongwei", HttpMethod.POST, ENGINE + "/message", Map.of("messageName", "completionClaimed",
        "businessKey", key, "processVariables", Map.of("reviewerGroups", str("county-tongwei"))))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.getActiveActivityIds(assignment)).contains("carryingOut")
        .doesNotContain("reviewCompletionClaim");
    assertThat(runtimeService.getVariable(assignment, "reviewerGroups")).isEqualTo("dept-fgw");
    assertThat(runtimeService.getVariable(assignment, "claimReport")).isNull();
    assertThat(reports.row(reportKey, key).orElseThrow().state()).isEqualTo(ReportRow.OPEN);
    assertThat(onlyTask("tongwei", reportKey).get("id")).isEqualTo(report.get("id"));

    // the honest report sends the claim to the lead unit, which the county cannot review for it
    complete("tongwei", report, reportVars());
    JsonNode claimReview = onlyTask("fgw", key);
    assertThat(claimReview.get("taskDefinitionKey").asText()).isEqualTo("reviewCompletionClaim");
    String claimId = claimReview.get("id").asText();
    assertThat(candidateGroups(claimId)).containsExactly("dept-fgw");
    assertThat(runtimeService.getVariable(assignment, "claimReport")).isEqualTo(reportKey);
    assertThat(tasks("tongwei", key)).isEmpty();
    assertThat(completeRaw("tongwei", claimReview, Map.of("claimDecision", str("approve"))).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(call("tongwei", HttpMethod.GET, API + "/claims/" + claimId + "/files", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(onlyTask("fgw", key).get("id")).isEqualTo(claimReview.get("id"));
    assertThat(runtimeService.getVariable(assignment, "claimDecision")).isNull();
    // the reviewer sees the claim's evidence
    ResponseEntity<JsonNode> files = call("fgw", HttpMethod.GET, API + "/claims/" + claimId + "/files", null);
    assertThat(files.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(files.getBody()).hasSize(1);
    assertThat(files.getBody().get(0).get("name").asText()).isEqualTo("现场照片.pdf");
  }

  @Test
  void aCountyCannotPassItsOwnAcceptance() {
    String key = "RI-ZY-1:anding";
    assertThat(call("lead", HttpMethod.POST, "/api/rectification/" + key + "/dispatch", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    complete("anding", onlyTask("anding", key), Map.of("planMeasures", str("实施园区雨污分流改造"),
        "planGoal", str("园区污水全收集全处理"), "planDeadline", str("2026-12-31"), "planLeader", str("张副区长")));
    complete("lead", onlyTask("lead", key), Map.of("planDecision", str("approve")));
    // rectifying: the item's row in the county's report asks for acceptance
    String reportKey = openReport("anding");
    JsonNode report = onlyTask("anding", reportKey);
    String reportTaskId = report.get("id").asText();
    fillAll("anding", reportTaskId);
    Map<String, Object> claim = honestRow();
    claim.put("progress", 100);
    claim.put("claim", true);
    assertThat(saveRow("anding", reportTaskId, key, claim).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    complete("anding", report, reportVars());
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

    // 不涉及 goes to the lead unit to confirm: naming the confirmer with it is refused too
    ResponseEntity<JsonNode> notConcerned = completeRaw("anding", accept, Map.of("acceptanceAnswer",
        str("notConcerned"), "notConcernedReason", str("本区无风电项目"), "reviewerGroups", str("county-anding")));
    assertThat(notConcerned.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notConcerned.getBody().get("message").asText()).contains("reviewerGroups");
    assertThat(onlyTask("anding", key).get("id")).isEqualTo(accept.get("id"));
    // the honest answer is the lead unit's to confirm, not the county's
    complete("anding", accept, Map.of("acceptanceAnswer", str("notConcerned"),
        "notConcernedReason", str("本区无风电项目")));
    JsonNode confirm = onlyTask(reviewerOf(key), key);
    assertThat(confirm.get("taskDefinitionKey").asText()).isEqualTo("confirmNotConcerned");
    assertThat(candidateGroups(confirm.get("id").asText())).containsExactly("dept-fgw");
    assertThat(tasks("anding", key)).isEmpty();
    assertThat(completeRaw("anding", confirm, Map.of("notConcernedDecision", str("approve"))).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(onlyTask(reviewerOf(key), key).get("id")).isEqualTo(confirm.get("id"));
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
    // carried out with a completion deadline ahead: what an extension request is about
    String key = dispatch("2.2.5", Map.of("newDeadline", str("2026-12-15")), "weiyuan");
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
    String key = atClaim("3.3.5", "zhangxian");
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
    String key = dispatch("3.3.4", "minxian");
    acceptAsCounty(key, "minxian");
    String reportKey = openReport("minxian");
    JsonNode report = onlyTask("minxian", reportKey);
    String taskId = report.get("id").asText();
    fillAll("minxian", taskId);
    assertThat(saveRow("minxian", taskId, key, claimRow()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    byte[] program = new byte[512];
    program[0] = 'M';
    program[1] = 'Z';
    program[2] = (byte) 0x90;

    ResponseEntity<JsonNode> r = upload("minxian", taskId, key, "报告.exe.pdf", program);

    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().get("message").asText()).contains("报告.exe.pdf").contains("可执行程序")
        .contains("佐证材料");
    assertThat(reports.files(reportKey)).isEmpty();
    assertThat(rowOf(view("minxian", taskId), key).get("files")).isEmpty();
    // nor as a file variable with the completion (the old claim form's way)
    Map<String, Object> exe = new LinkedHashMap<>();
    exe.put("value", Base64.getEncoder().encodeToString(program));
    exe.put("type", "File");
    exe.put("valueInfo", Map.of("filename", "报告.exe.pdf", "mimetype", "application/pdf"));
    Map<String, Object> withFile = reportVars();
    withFile.put("completionEvidence", exe);
    ResponseEntity<JsonNode> viaEngine = completeRaw("minxian", report, withFile);
    assertThat(viaEngine.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(viaEngine.getBody().get("message").asText()).contains("completionEvidence");
    // so the claim has no evidence and is refused; nothing moved
    ResponseEntity<JsonNode> claim = completeRaw("minxian", report, reportVars());
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(claim.getBody().get("message").asText()).contains("佐证材料");
    assertThat(onlyTask("minxian", reportKey).get("id")).isEqualTo(report.get("id"));
    assertThat(reports.row(reportKey, key).orElseThrow().state()).isEqualTo(ReportRow.OPEN);
    assertThat(runtimeService.getActiveActivityIds(assignmentInstance(key))).contains("carryingOut");
    assertThat(reports.files(reportKey)).isEmpty();
    // the real document is taken
    assertThat(upload("minxian", taskId, key, "报告.pdf", PDF).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reports.files(reportKey)).extracting(ReportRepository.RowFile::name).containsExactly("报告.pdf");
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
  void aCountyCannotReadOrFillAnotherCountysReportNorTakeItsEvidence() {
    String key = dispatch("3.2.4", "weiyuan");
    acceptAsCounty(key, "weiyuan");
    String reportKey = openReport("weiyuan");
    JsonNode report = onlyTask("weiyuan", reportKey);
    String taskId = report.get("id").asText();
    fillAll("weiyuan", taskId);
    ResponseEntity<JsonNode> uploaded = upload("weiyuan", taskId, key, "现场照片.pdf", PDF);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.OK);
    String fileId = uploaded.getBody().get("id").asText();
    ReportRow before = reports.row(reportKey, key).orElseThrow();
    Map<String, Object> forged = honestRow();
    forged.put("progress", 5);
    forged.put("workDone", "未开展工作");

    // another county sees no such task, cannot read, fill or complete it, nor touch its evidence
    assertThat(tasks("lintao", reportKey)).isEmpty();
    assertThat(call("lintao", HttpMethod.GET, API + "/tasks/" + taskId, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(saveRow("lintao", taskId, key, forged).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(upload("lintao", taskId, key, "伪造.pdf", PDF).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("lintao", HttpMethod.DELETE, API + "/tasks/" + taskId + "/files/" + fileId, null)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("lintao", fileId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(completeRaw("lintao", report, reportVars()).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    // nor opens a period's reports
    assertThat(call("lintao", HttpMethod.POST, API + "/open?period=2026-11", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // a lead unit without this row does not read its evidence; the row's reviewer and the party do
    assertThat(download("fgw", fileId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("sthj", fileId).getBody()).isEqualTo(PDF);
    assertThat(download("weiyuan", fileId).getBody()).isEqualTo(PDF);

    // the city-wide readers see every task, and write none of the county's report
    assertThat(call("supervisor", HttpMethod.GET, API + "/tasks/" + taskId, null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    for (String reader : List.of("supervisor", "lead")) {
      assertThat(saveRow(reader, taskId, key, forged).getStatusCode()).as(reader).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(upload(reader, taskId, key, "伪造.pdf", PDF).getStatusCode()).as(reader)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(call(reader, HttpMethod.DELETE, API + "/tasks/" + taskId + "/files/" + fileId, null)
          .getStatusCode()).as(reader).isEqualTo(HttpStatus.FORBIDDEN);
      // nor by making the task theirs
      assertThat(call(reader, HttpMethod.POST, ENGINE + "/task/" + taskId + "/claim", Map.of("userId", reader))
          .getStatusCode()).as(reader).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
      assertThat(saveRow(reader, taskId, key, forged).getStatusCode()).as(reader).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(call("supervisor", HttpMethod.POST, API + "/open?period=2026-11", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    assertThat(reports.row(reportKey, key).orElseThrow()).isEqualTo(before);
    assertThat(reports.files(reportKey)).extracting(ReportRepository.RowFile::id).containsExactly(fileId);

    // submitted: the review is the lead unit's alone
    complete("weiyuan", report, reportVars());
    String reviewId = onlyTask("sthj", reportKey).get("id").asText();
    for (String other : List.of("lintao", "weiyuan", "fgw")) {
      assertThat(call(other, HttpMethod.PUT, API + "/tasks/" + reviewId + "/reviews/" + key, approval())
          .getStatusCode()).as(other).isEqualTo(HttpStatus.NOT_FOUND);
    }
    for (String reader : List.of("supervisor", "lead")) {
      assertThat(call(reader, HttpMethod.PUT, API + "/tasks/" + reviewId + "/reviews/" + key, approval())
          .getStatusCode()).as(reader).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(reports.reviewDecision(reportKey, key)).isEmpty();
    assertThat(reports.row(reportKey, key).orElseThrow().judgement()).isNull();
    assertThat(call("sthj", HttpMethod.PUT, API + "/tasks/" + reviewId + "/reviews/" + key, approval())
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(reports.reviewDecision(reportKey, key)).contains("approve");
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
    return dispatch(code, Map.of(), counties);
  }

  /** The same, with more of the dispatch form's fields (e.g. a new deadline). */
  String dispatch(String code, Map<String, Object> fields, String... counties) {
    ResponseEntity<JsonNode> started = call("lead", HttpMethod.POST, "/api/catalogue/" + code + "/dispatch", null);
    assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode dispatch = tasks("lead", "KT-" + code).get(0);
    Map<String, Object> vars = new LinkedHashMap<>(fields);
    vars.put("assignedCounties", str(String.join(",", counties)));
    complete("lead", dispatch, vars);
    return "KT-" + code + ":" + counties[0];
  }

  /**
   * Dispatched to the county, accepted, and claimed completed (with evidence) in the county's
   * report, which it files: the lead unit's 审核销号申请 is open. The business key.
   */
  String atClaim(String code, String county) {
    String key = dispatch(code, county);
    acceptAsCounty(key, county);
    String reportKey = openReport(county);
    JsonNode report = onlyTask(county, reportKey);
    String taskId = report.get("id").asText();
    fillAll(county, taskId);
    assertThat(saveRow(county, taskId, key, claimRow()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(upload(county, taskId, key, "现场照片.pdf", PDF).getStatusCode()).isEqualTo(HttpStatus.OK);
    complete(county, report, reportVars());
    assertThat(onlyTask(reviewerOf(key), key).get("taskDefinitionKey").asText()).isEqualTo("reviewCompletionClaim");
    return key;
  }

  void acceptAsCounty(String key, String county) {
    complete(county, onlyTask(county, key), Map.of("responsiblePerson", str("张伟"),
        "responsiblePhone", str("13909321234")));
  }

  /** The user of the item's first lead unit (demo users are named by unit code). */
  String reviewerOf(String key) {
    String groups = (String) runtimeService.getVariable(assignmentInstance(key), "reviewerGroups");
    return groups.split(",")[0].trim().substring("dept-".length());
  }

  String assignmentInstance(String key) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey("county-assignment").singleResult().getId();
  }

  List<String> candidateGroups(String taskId) {
    List<String> groups = new ArrayList<>();
    taskService.getIdentityLinksForTask(taskId).forEach(l -> {
      if (l.getGroupId() != null) {
        groups.add(l.getGroupId());
      }
    });
    return groups;
  }

  // ------------------------------------------------------------------ the periodic report's API

  /**
   * The lead opens the period's reports (开启本期报送); the party's report key. Reports are per
   * county and period, and this context is shared: each test that files a report has a county
   * of its own, and rows other tests' assignments of that county brought are filled honestly.
   */
  String openReport(String party) {
    ResponseEntity<JsonNode> r = call("lead", HttpMethod.POST, API + "/open?period=" + PERIOD, null);
    assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
    return "PR-" + party + "-" + PERIOD;
  }

  List<Task> reviewTasks(String reportKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(reportKey).taskDefinitionKey("reviewReportRows")
        .list();
  }

  JsonNode view(String user, String taskId) {
    ResponseEntity<JsonNode> r = call(user, HttpMethod.GET, API + "/tasks/" + taskId, null);
    assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
    return r.getBody();
  }

  static JsonNode rowOf(JsonNode view, String caseKey) {
    for (JsonNode row : view.get("rows")) {
      if (row.get("caseKey").asText().equals(caseKey)) {
        return row;
      }
    }
    throw new AssertionError("no row " + caseKey + " in " + view);
  }

  ResponseEntity<JsonNode> saveRow(String user, String taskId, String caseKey, Map<String, Object> values) {
    return call(user, HttpMethod.PUT, API + "/tasks/" + taskId + "/rows/" + caseKey, values);
  }

  /** Every row of the party's task filled in as an honest county would. */
  void fillAll(String county, String taskId) {
    for (JsonNode row : view(county, taskId).get("rows")) {
      ResponseEntity<JsonNode> r = saveRow(county, taskId, row.get("caseKey").asText(), honestRow());
      assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }
  }

  /** The lead unit approves every row of its review task as on pace. */
  void decideAll(String unit, String reviewTaskId) {
    for (JsonNode row : view(unit, reviewTaskId).get("rows")) {
      ResponseEntity<JsonNode> r = call(unit, HttpMethod.PUT, API + "/tasks/" + reviewTaskId + "/reviews/"
          + row.get("caseKey").asText(), approval());
      assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }
  }

  ResponseEntity<JsonNode> upload(String user, String taskId, String caseKey, String name, byte[] bytes) {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("file", new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, EngineRest.DEMO_PASSWORD).exchange(API + "/tasks/" + taskId + "/rows/" + caseKey
        + "/files", HttpMethod.POST, new HttpEntity<>(body, h), JsonNode.class);
  }

  ResponseEntity<byte[]> download(String user, String fileId) {
    return rest.withBasicAuth(user, EngineRest.DEMO_PASSWORD).exchange(API + "/files/" + fileId, HttpMethod.GET, null,
        byte[].class);
  }

  static Map<String, Object> honestRow() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("progress", 40);
    v.put("workDone", "完成12处工地围挡和喷淋");
    v.put("nextSteps", "继续推进");
    return v;
  }

  static Map<String, Object> claimRow() {
    Map<String, Object> v = honestRow();
    v.put("progress", 100);
    v.put("workDone", "全部完成");
    v.put("claim", true);
    v.put("claimType", "completed");
    v.put("claimSummary", "全部完成，已现场核实");
    return v;
  }

  static Map<String, Object> approval() {
    return Map.of("decision", "approve", "judgement", "序时推进");
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

  /** What the report task's form itself submits: who filled it in and the leader's sign-off. */
  static Map<String, Object> reportVars() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("filledBy", str("李娜"));
    v.put("countyLeader", str("王强"));
    return v;
  }

  EngineRest engineRest() {
    return new EngineRest(rest, ENGINE);
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
