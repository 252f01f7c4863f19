package org.ecobureau.oversight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.escalation.WarningLevel;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.support.Assignments;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The supervision board at 100,000 open assignments ({@code -Dbench.assignments}), measured over
 * HTTP as Cockpit calls it, against the bare engine answering the same question in the same run
 * (county × warning level counts from process variables, with the engine's query API). Run with
 * {@code mvn -Pbenchmark verify}; writes {@code docs/benchmarks/board-<database>.md}. Not a test:
 * nothing here passes or fails on time, only on the two sides agreeing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("bench")
class BoardBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(BoardBenchmark.class);

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TransactionTemplate tx;
  @Autowired OrgDirectory org;
  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;

  final int assignments = Integer.getInteger("bench.assignments", 100_000);
  final int warmups = Integer.getInteger("bench.warmups", 30);
  final int runs = Integer.getInteger("bench.runs", 200);
  final int engineRuns = Integer.getInteger("bench.engineRuns", 10);

  @Test
  void boardAgainstBareEngine() throws Exception {
    ClockUtil.setCurrentTime(java.util.Date.from(LocalDateTime.of(2026, 11, 2, 9, 0)
        .atZone(WorkingDayCalendar.ZONE).toInstant()));
    List<County> counties = org.counties();
    long seedStart = System.nanoTime();
    int batch = 500;
    for (int from = 0; from < assignments; from += batch) {
      int start = from;
      tx.executeWithoutResult(s -> {
        for (int i = start; i < Math.min(start + batch, assignments); i++) {
          seed(i, counties.get(i % counties.size()).code());
        }
      });
      if ((from / batch) % 20 == 0) {
        LOG.info("seeded {} of {}", from + batch, assignments);
      }
    }
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    LOG.info("seeded {} open assignments in {} s", assignments, Math.round(seedSeconds));
    ClockUtil.reset();
    long open = jdbc.queryForObject("SELECT COUNT(*) FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE", Long.class);
    assertThat(open).isEqualTo(assignments);

    // the app's endpoint, over HTTP with Basic auth as a script or Cockpit (session) would call it
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/supervision/board"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "bench:bench-password".getBytes(StandardCharsets.UTF_8)))
        .GET().build();
    Supplier<String> endpoint = () -> {
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    // the bare engine: the same county × level counts from the process variables, read with the
    // engine's variable query (two variables per instance, grouped here). The other obvious way,
    // 42 ProcessInstanceQuery.variableValueEquals(..).count() calls, did not finish its first round
    // within 5 minutes at 100,000 on H2 (correlated EXISTS per variable), so it is not timed.
    Supplier<Map<String, Long>> engine = () -> {
      Map<String, String> countyOf = new HashMap<>();
      Map<String, String> levelOf = new HashMap<>();
      for (VariableInstance v : runtimeService.createVariableInstanceQuery()
          .variableNameIn("county", "warningLevel").disableBinaryFetching().list()) {
        (v.getName().equals("county") ? countyOf : levelOf).put(v.getProcessInstanceId(), (String) v.getValue());
      }
      Map<String, Long> counts = new HashMap<>();
      countyOf.forEach((pid, county) -> counts.merge(county + "/" + levelOf.get(pid), 1L, Long::sum));
      return counts;
    };

    // both sides agree before anything is timed
    JsonNode board = new ObjectMapper().readTree(endpoint.get());
    Map<String, Long> fromEngine = engine.get();
    String[] fields = {"onTime", "dueSoon", "overdue", "yellow", "red", "listed"};
    for (JsonNode row : board.get("rows")) {
      for (int l = 0; l < fields.length; l++) {
        assertThat(row.get("keyTasks").get(fields[l]).asLong()).as(row.get("county") + " " + fields[l])
            .isEqualTo(fromEngine.getOrDefault(row.get("county").asText() + "/" + WarningLevel.ofRank(l).code(), 0L));
      }
    }
    assertThat(board.get("total").get("all").get("total").asLong()).isEqualTo(assignments);

    List<Double> app = time(endpoint::get, warmups, runs);
    List<Double> bare = time(engine::get, 2, engineRuns);
    String db = jdbc.getDataSource().getConnection().getMetaData().getDatabaseProductName();
    String report = report(db, seedSeconds, app, bare, board);
    LOG.info("\n{}", report);
    Path out = Path.of("docs", "benchmarks", "board-" + db.toLowerCase().replaceAll("[^a-z0-9]", "") + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** One assignment as dispatch creates it (the real process, listeners and all); a share of them warned. */
  private void seed(int i, String county) {
    String code = "B." + (i / 1000) + "." + (i % 1000);
    Map<String, Object> vars = Assignments.startVariables(code, "基准任务" + code, county, false);
    String bk = CountyAssignmentProcess.businessKey(code, county);
    // a spread of levels, the same on both sides: the ladder's row and the process variable
    WarningLevel level = switch (i % 20) {
      case 12, 13 -> WarningLevel.REMINDER;
      case 14, 15 -> WarningLevel.OVERDUE;
      case 16, 17 -> WarningLevel.YELLOW;
      case 18 -> WarningLevel.RED;
      case 19 -> WarningLevel.LISTED;
      default -> WarningLevel.NONE;
    };
    vars.put("countyGroup", "county-" + county);
    vars.put("countyName", county);
    vars.put("reviewerGroups", "dept-sthj");
    vars.put("warningLevel", level.code());
    vars.put("warningLevelName", level.label());
    // The real process, up to its first county task, without the listeners' side work (the
    // dispatch mail, per-instance grants): seeding 100,000 with them takes ~25 minutes here.
    String pid = runtimeService.createProcessInstanceByKey(CountyAssignmentProcess.KEY).businessKey(bk)
        .setVariables(vars).startBeforeActivity("acceptAssignment").execute(true, true).getId();
    // the ladder's row, as the start listener writes it
    java.time.Instant now = ClockUtil.getCurrentTime().toInstant();
    cases.register(new SupervisionCase(bk, SupervisionCase.KEY_TASK, pid, code, "基准任务" + code, county, county,
        "county-" + county, ",dept-sthj,", "市生态环境局", LocalDate.of(2027, 6, 30), null, "签收任务",
        LocalDate.of(2026, 11, 5), level, level.rank(), 0, false, level == WarningLevel.LISTED, true, now), now);
  }

  private static List<Double> time(Supplier<?> call, int warmups, int runs) {
    for (int i = 0; i < warmups; i++) {
      call.get();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      call.get();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(ms);
    return ms;
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private String report(String db, double seedSeconds, List<Double> app, List<Double> bare, JsonNode board) {
    int cores = Runtime.getRuntime().availableProcessors();
    StringBuilder sb = new StringBuilder();
    sb.append("# Supervision board benchmark (").append(db).append(")\n\n");
    sb.append("Generated by `mvn -Pbenchmark verify` (`BoardBenchmark`) on ").append(LocalDate.now())
        .append(", ").append(cores).append(" cores, Java ").append(System.getProperty("java.version")).append(".\n\n");
    sb.append("- Open assignments: ").append(assignments).append(" `county-assignment` instances waiting in 签收任务")
        .append(" (started with the engine's API before that task, listeners skipped: no dispatch mails or per-instance")
        .append(" grants), each with its ladder row; 7 counties, 40 % at a warning level; seeded in ")
        .append(String.format("%.0f", seedSeconds)).append(" s.\n");
    sb.append("- **App**: `GET /api/supervision/board` over HTTP with Basic auth, JSON parsed by the caller's side")
        .append(" excluded; ").append(warmups).append(" warm-up calls, then ").append(runs).append(" timed.\n");
    sb.append("- **Bare engine**: the same county × level counts from the process variables with the engine's")
        .append(" query API (`VariableInstanceQuery.variableNameIn(\"county\", \"warningLevel\")`, grouped in Java;")
        .append(" in-process, no HTTP, no JSON); 2 warm-ups, then ").append(bare.size()).append(" timed. The other")
        .append(" obvious way, 42 `ProcessInstanceQuery.variableValueEquals(county).variableValueEquals(warningLevel)")
        .append(".count()` calls, did not finish its first round within 5 minutes at 100,000 on H2, so it is not timed.\n");
    sb.append("- Both sides were checked to give the same counts before timing.\n\n");
    sb.append("| | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|\n");
    sb.append(String.format("| App board endpoint | %.1f | %.1f | %.1f |%n", pct(app, .5), pct(app, .95), pct(app, 1)));
    sb.append(String.format("| Bare engine, same counts | %.1f | %.1f | %.1f |%n", pct(bare, .5), pct(bare, .95),
        pct(bare, 1)));
    sb.append("\nTotals on the board: `").append(board.get("total").get("all")).append("`\n");
    return sb.toString();
  }
}
