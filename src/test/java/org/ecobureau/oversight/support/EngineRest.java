package org.ecobureau.oversight.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The standard Camunda REST API as the demo users call it over HTTP (Basic, password
 * {@code demo}), for the integration tests: JSON calls, task lists and completions.
 *
 * @param engine the engine's REST root, {@code /engine-rest} or, for an IT with an engine of its
 *               own, {@code /engine-rest/engine/<name>}
 */
public record EngineRest(TestRestTemplate rest, String engine) {

  public static final String DEMO_PASSWORD = "demo";

  /** A String variable as the REST API takes it. */
  public static Map<String, Object> str(String v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", v);
    m.put("type", "String");
    return m;
  }

  /** A call of any path of the application (absolute, e.g. {@code /api/...}) as a demo user. */
  public ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
    return callAs(user, DEMO_PASSWORD, method, path, body);
  }

  public ResponseEntity<JsonNode> callAs(String user, String password, HttpMethod method, String path, Object body) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, password).exchange(path, method, new HttpEntity<>(body, h), JsonNode.class);
  }

  /** The open tasks the user sees for this query of {@code GET /task}. */
  public List<JsonNode> tasks(String user, String query) {
    ResponseEntity<JsonNode> r = call(user, HttpMethod.GET, engine + "/task?" + query, null);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<JsonNode> out = new ArrayList<>();
    r.getBody().forEach(out::add);
    return out;
  }

  public JsonNode onlyTask(String user, String query) {
    List<JsonNode> t = tasks(user, query);
    assertThat(t).as("tasks of %s for %s", user, query).hasSize(1);
    return t.get(0);
  }

  public ResponseEntity<JsonNode> completeRaw(String user, JsonNode task, Map<String, ? extends Object> variables) {
    return call(user, HttpMethod.POST, engine + "/task/" + task.get("id").asText() + "/complete",
        Map.of("variables", variables));
  }

  /** Completes the task as the user and asserts the 204. */
  public void complete(String user, JsonNode task, Map<String, ? extends Object> variables) {
    ResponseEntity<JsonNode> r = completeRaw(user, task, variables);
    assertThat(r.getStatusCode()).as("complete %s as %s: %s", task.get("taskDefinitionKey"), user, r.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }
}
