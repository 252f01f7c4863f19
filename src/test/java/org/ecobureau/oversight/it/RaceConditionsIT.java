package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.ecobureau.oversight.catalogue.KeyTask;
import org.ecobureau.oversight.support.ImportResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 9 item 5: the races that answered 500 with SQL in the body, reproduced with real
 * concurrent HTTP requests released together by a barrier, round after round until the requests
 * really overlapped. The loser of a race gets 409 (or 404 when it came after the winner had
 * committed) with a Chinese message; nothing is done twice; no SQL, stack or class name reaches
 * the client. Its own engine and database, so the engine REST API is {@code /engine-rest/engine/races}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=races",
    "spring.datasource.url=jdbc:h2:mem:races-it;DB_CLOSE_DELAY=-1"})
class RaceConditionsIT {

  static final String ENGINE = "/engine-rest/engine/races";
  static final String HEADER = "序号,重点任务,工作措施,牵头单位,配合单位,责任县区,完成时限,报送频次\n";
  /** Rounds at most per race; a race stops early once its requests have collided a few times. */
  static final int MAX_ROUNDS = 12;
  static final int COLLISIONS_WANTED = 2;

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired CatalogueRepository catalogue;
  final ObjectMapper json = new ObjectMapper();
  ExecutorService pool;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 11, 2, 9, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ (a) the same 交办 twice

  @Test
  void theSameDispatchCompletedTwiceAtOnceAssignsOnce() throws Exception {
    List<String> codes = IntStream.rangeClosed(1, MAX_ROUNDS).mapToObj(i -> "RA-" + i).toList();
    assertThat(importCsv("ra.csv", csv(codes, "安定区、陇西县")).getStatusCode()).isEqualTo(HttpStatus.OK);

    int collisions = 0;
    for (int round = 0; round < MAX_ROUNDS && collisions < COLLISIONS_WANTED; round++) {
      String code = codes.get(round);
      ResponseEntity<String> started = call(HttpMethod.POST, "/api/catalogue/" + code + "/dispatch", null);
      assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.OK);
      String taskId = dispatchTaskId(code);
      String body = "{\"variables\":{\"assignedCounties\":{\"value\":\"anding,longxi\",\"type\":\"String\"}}}";

      List<ResponseEntity<String>> answers = race(2,
          i -> call(HttpMethod.POST, ENGINE + "/task/" + taskId + "/complete", body));

      List<HttpStatus> statuses = statuses(answers);
      assertThat(statuses).as("round %d: %s", round, bodies(answers))
          .containsOnlyOnce(HttpStatus.NO_CONTENT)
          .allMatch(s -> s == HttpStatus.NO_CONTENT || s == HttpStatus.CONFLICT || s == HttpStatus.NOT_FOUND);
      answers.forEach(RaceConditionsIT::assertClean);
      if (statuses.contains(HttpStatus.CONFLICT)) {
        collisions++;
      }
      // a loser that comes after the winner has committed: 404 in Chinese (Camunda itself says 500)
      ResponseEntity<String> late = call(HttpMethod.POST, ENGINE + "/task/" + taskId + "/complete", body);
      assertThat(late.getStatusCode()).as("%s", late.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
      assertClean(late);

      // exactly one set of assignments: one county-assignment and one case per county
      assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("county-assignment")
          .processInstanceBusinessKeyLike("KT-" + code + ":%").count()).isEqualTo(2);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY LIKE ?",
          Long.class, "KT-" + code + ":%")).isEqualTo(2);
    }
    assertThat(collisions).as("rounds whose two completions collided (409)").isPositive();
  }

  // ------------------------------------------------------------------ (b) two imports at once

  @Test
  void twoImportsAtOnceLeaveTheImportedCatalogue() throws Exception {
    int collisions = 0;
    for (int round = 0; round < MAX_ROUNDS && collisions < COLLISIONS_WANTED; round++) {
      int r = round;
      List<String> codes = IntStream.rangeClosed(1, 20).mapToObj(i -> "RB" + r + "-" + i).toList();
      byte[] file = csv(codes, "全部");

      List<ResponseEntity<String>> answers = race(2, i -> importCsv("rb.csv", file));

      List<HttpStatus> statuses = statuses(answers);
      assertThat(statuses).as("round %d: %s", round, bodies(answers))
          .contains(HttpStatus.OK)
          .allMatch(s -> s == HttpStatus.OK || s == HttpStatus.CONFLICT);
      answers.forEach(RaceConditionsIT::assertClean);
      if (statuses.contains(HttpStatus.CONFLICT)) {
        collisions++;
      }
      // the catalogue is the imported one, whoever won
      assertThat(catalogue.findActive()).extracting(KeyTask::code).containsExactlyInAnyOrderElementsOf(codes);
      // and importing it once more changes nothing
      JsonNode again = json.readTree(importCsv("rb.csv", file).getBody());
      assertThat(again.get("unchanged").asInt()).isEqualTo(codes.size());
      assertThat(again.get("created").asInt() + again.get("updated").asInt() + again.get("retired").asInt()).isZero();
    }
  }

  // ------------------------------------------------------------------ (c) three bulk dispatches at once

  @Test
  void threeBulkDispatchesAtOnceStartEachTaskOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      int r = round;
      List<String> codes = IntStream.rangeClosed(1, 6).mapToObj(i -> "RC" + r + "-" + i).toList();
      assertThat(importCsv("rc.csv", csv(codes, "安定区")).getStatusCode()).isEqualTo(HttpStatus.OK);

      List<ResponseEntity<String>> answers = race(3, i -> call(HttpMethod.POST, "/api/catalogue/dispatch", null));

      List<HttpStatus> statuses = statuses(answers);
      assertThat(statuses).as("round %d: %s", round, bodies(answers))
          .contains(HttpStatus.OK)
          .allMatch(s -> s == HttpStatus.OK || s == HttpStatus.CONFLICT);
      answers.forEach(RaceConditionsIT::assertClean);
      // the successful answers together started every task exactly once
      List<String> startedCodes = new ArrayList<>();
      for (ResponseEntity<String> a : answers) {
        if (a.getStatusCode() == HttpStatus.OK) {
          json.readTree(a.getBody()).get("codes").forEach(c -> startedCodes.add(c.asText()));
        }
      }
      assertThat(startedCodes).containsExactlyInAnyOrderElementsOf(codes);
      for (String code : codes) {
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("key-task")
            .processInstanceBusinessKey("KT-" + code).count()).as(code).isEqualTo(1);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Runs n calls released together by a barrier and returns their answers. */
  List<ResponseEntity<String>> race(int n, IntFunction<ResponseEntity<String>> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(n);
    List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      futures.add(pool.submit(() -> {
        start.await();
        return call.apply(k);
      }));
    }
    List<ResponseEntity<String>> answers = new ArrayList<>();
    for (Future<ResponseEntity<String>> f : futures) {
      answers.add(f.get(5, TimeUnit.MINUTES));   // a safety net against a hang, not a timing assertion
    }
    return answers;
  }

  /** No answer is a 500, and no answer shows SQL, a stack or a class name; a refusal speaks Chinese. */
  static void assertClean(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isLessThan(500);
    String body = answer.getBody() == null ? "" : answer.getBody();
    assertThat(body).doesNotContain("Exception", "SQL", "INSERT", "org.", "java.");
    if (answer.getStatusCode().is4xxClientError()) {
      assertThat(body).containsPattern("\\p{IsHan}");
    }
  }

  static List<HttpStatus> statuses(List<ResponseEntity<String>> answers) {
    return answers.stream().map(a -> HttpStatus.valueOf(a.getStatusCode().value())).toList();
  }

  static String bodies(List<ResponseEntity<String>> answers) {
    return answers.stream().map(a -> a.getStatusCode() + " " + a.getBody()).collect(Collectors.joining(" | "));
  }

  String dispatchTaskId(String code) throws Exception {
    JsonNode tasks = json.readTree(call(HttpMethod.GET, ENGINE + "/task?processInstanceBusinessKey=KT-" + code, null).getBody());
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo("dispatchKeyTask");
    return tasks.get(0).get("id").asText();
  }

  static byte[] csv(List<String> codes, String counties) {
    StringBuilder b = new StringBuilder(HEADER);
    codes.forEach(c -> b.append(c).append(",任务").append(c).append(",措施").append(c)
        .append(",市生态环境局,,").append(counties).append(",2027年6月底前,月报\n"));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  ResponseEntity<String> importCsv(String name, byte[] file) {
    return rest.withBasicAuth("lead", "demo").postForEntity("/api/catalogue/import",
        ImportResponses.multipart(name, file), String.class);
  }

  ResponseEntity<String> call(HttpMethod method, String path, String body) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth("lead", "demo").exchange(path, method, new HttpEntity<>(body, h), String.class);
  }
}
