package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Error answers of the engine's REST API and the webapps' engine API: a 500 carries a generic
 * Chinese message and a reference number, never the exception's class name or SQL; Camunda's 4xx
 * answers keep their messages (field names, what is missing). Same engine and database as
 * {@link RaceConditionsIT}, so the two share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"camunda.bpm.process-engine-name=races",
    "spring.datasource.url=jdbc:h2:mem:races-it;DB_CLOSE_DELAY=-1"})
class EngineErrorBodiesIT {

  /** A negative page size reaches the database, which refuses the statement: the engine fails with a 500. */
  static final String FAILING_QUERY = "/engine/races/task?maxResults=-5";

  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void anEngineRestServerErrorShowsAReferenceAndNoClassNameOrSql() throws Exception {
    ResponseEntity<String> r = rest.withBasicAuth("lead", "demo").getForEntity("/engine-rest" + FAILING_QUERY, String.class);

    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertGenericServerError(r.getBody());
  }

  @Test
  void aWebappEngineApiServerErrorShowsAReferenceAndNoClassNameOrSql() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    CookieManager cookies = (CookieManager) client.cookieHandler().orElseThrow();
    String base = "http://127.0.0.1:" + port;
    client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/races/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base
            + "/camunda/api/admin/auth/user/races/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf(cookies))
        .POST(HttpRequest.BodyPublishers.ofString("username=supervisor&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine" + FAILING_QUERY))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(500);
    assertGenericServerError(r.body());
  }

  @Test
  void camundasClientErrorsKeepTheirMessages() throws Exception {
    ResponseEntity<String> badDate = rest.withBasicAuth("lead", "demo")
        .getForEntity("/engine-rest/engine/races/task?due=notadate", String.class);
    assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(badDate.getBody()).get("message").asText()).contains("'due'", "notadate");

    ResponseEntity<String> missing = rest.withBasicAuth("lead", "demo")
        .getForEntity("/engine-rest/engine/races/task/no-such-task", String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(json.readTree(missing.getBody()).get("message").asText()).contains("no-such-task");
  }

  void assertGenericServerError(String body) throws Exception {
    assertThat(body).doesNotContain("Exception", "SQL", "SELECT", "org.", "java.", "persistence");
    JsonNode node = json.readTree(body);
    String reference = node.get("reference").asText();
    assertThat(reference).isNotBlank();
    assertThat(node.get("message").asText()).contains("服务器内部错误").contains(reference);
  }

  static String csrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }
}
