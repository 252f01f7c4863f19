package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.support.AppProcess;
import org.ecobureau.oversight.support.TestSmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 204 means the work is on disk: the built app on its default H2 file database (demo profile,
 * every key task started), a lead completes 交办 tasks through REST, the JVM is killed with
 * SIGKILL the moment the last 204 arrives, and after a restart every acknowledged dispatch is
 * done, with its assignments (the two counties', and one for each department the catalogue has
 * carry the task itself). Before commits were written at once (H2's 500 ms write delay), the last
 * few acknowledged dispatches came back open with no assignment.
 */
class CrashDurabilityIT {

  private static final Logger LOG = LoggerFactory.getLogger(CrashDurabilityIT.class);
  private static final int DISPATCHES = 12;

  @TempDir Path tmp;

  @Test
  void acknowledgedDispatchesSurviveKillMinus9() {
    List<String> args = List.of(
        "--spring.datasource.url=jdbc:h2:file:" + tmp.resolve("data/oversight").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + TestSmtp.PORT);

    // key-task instance id -> its completed 交办 task id, in the order the 204s arrived
    Map<String, String> acknowledged = new LinkedHashMap<>();
    // key-task instance id -> the assignments its dispatch starts: anding, longxi and its departments (承办)
    Map<String, Integer> parties = new LinkedHashMap<>();
    try (AppProcess first = AppProcess.start(tmp, "life1", List.of("-Xmx768m"), args)) {
      JsonNode tasks = first.getJson("lead",
          "/engine-rest/task?processDefinitionKey=key-task&taskDefinitionKey=dispatchKeyTask"
              + "&sortBy=created&sortOrder=asc&maxResults=" + DISPATCHES);
      assertThat(tasks).hasSize(DISPATCHES);
      List<JsonNode> list = new ArrayList<>();
      tasks.forEach(list::add);
      // read before the first completion, so that the completions follow each other as fast as before
      for (JsonNode task : list) {
        String units = first.getJson("lead", "/engine-rest/process-instance/" + task.get("processInstanceId").asText()
            + "/variables/assignedUnits").get("value").asText("");
        parties.put(task.get("processInstanceId").asText(), 2 + (units.isBlank() ? 0 : units.split(",").length));
      }
      assertThat(parties.values()).as("some of them carried by departments too").anyMatch(n -> n > 2);
      for (JsonNode task : list) {
        var r = first.postJson("lead", "/engine-rest/task/" + task.get("id").asText() + "/complete",
            "{\"variables\":{\"assignedCounties\":{\"value\":\"anding,longxi\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        acknowledged.put(task.get("processInstanceId").asText(), task.get("id").asText());
      }
      first.kill();   // 0 s after the last 204
    }

    try (AppProcess second = AppProcess.start(tmp, "life2", List.of("-Xmx768m"), args)) {
      List<String> lost = new ArrayList<>();
      acknowledged.forEach((instance, taskId) -> {
        JsonNode open = second.getJson("admin", "/engine-rest/task?taskId=" + taskId);
        int assignments = second.getJson("admin",
            "/engine-rest/process-instance/count?superProcessInstance=" + instance).get("count").asInt();
        if (!open.isEmpty() || assignments != parties.get(instance)) {
          lost.add(taskId + " (open: " + !open.isEmpty() + ", assignments: " + assignments + " of "
              + parties.get(instance) + ")");
        }
      });
      LOG.info("{} acknowledged dispatches, {} lost after kill -9: {}", acknowledged.size(), lost.size(), lost);
      assertThat(lost).as("acknowledged 交办 lost by kill -9").isEmpty();
    }
  }
}
