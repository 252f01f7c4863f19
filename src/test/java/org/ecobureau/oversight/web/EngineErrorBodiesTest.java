package org.ecobureau.oversight.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.ecobureau.oversight.common.ConflictTranslator;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The error-body filter on answers written as Jersey writes them: status, length, then the body. */
class EngineErrorBodiesTest {

  final ObjectMapper json = new ObjectMapper();
  final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
  final MockHttpServletResponse response = new MockHttpServletResponse();

  MockHttpServletResponse run(int status, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FilterChain chain = (req, res) -> {
      res.setContentLength(bytes.length);
      ((HttpServletResponse) res).setStatus(status);
      res.setContentType("application/json");
      res.getOutputStream().write(bytes);
    };
    new EngineErrorBodies().doFilter(request, response, chain);
    return response;
  }

  @Test
  void aSuccessfulAnswerPassesUntouched() throws Exception {
    run(200, "[{\"name\":\"SELECT me FROM the list\"}]");
    assertThat(response.getContentAsString()).isEqualTo("[{\"name\":\"SELECT me FROM the list\"}]");
    assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
  }

  @Test
  void aServerErrorBecomesAReference() throws Exception {
    request.setAttribute(ConflictTranslator.FAILURE_ATTRIBUTE, new IllegalStateException("boom"));
    run(500, "{\"type\":\"ProcessEnginePersistenceException\",\"message\":\"### Error querying database. SQL: SELECT * FROM ACT_RU_TASK\"}");
    assertThat(response.getStatus()).isEqualTo(500);
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("Exception", "SQL", "SELECT", "ACT_RU");
    JsonNode node = json.readTree(body);
    assertThat(node.get("message").asText()).contains(node.get("reference").asText());
    assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
  }

  @Test
  void aClientErrorKeepsItsMessageUnlessItShowsSql() throws Exception {
    run(400, "{\"type\":\"InvalidRequestException\",\"message\":\"字段「完成进度(%)」(progress)：应为 0 到 100 之间的整数\"}");
    assertThat(json.readTree(response.getContentAsString(StandardCharsets.UTF_8)).get("message").asText())
        .contains("(progress)");

    MockHttpServletResponse second = new MockHttpServletResponse();
    byte[] sql = "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot query: INSERT INTO ACT_RU_TASK VALUES (?)\"}"
        .getBytes(StandardCharsets.UTF_8);
    new EngineErrorBodies().doFilter(request, second, (req, res) -> {
      ((HttpServletResponse) res).setStatus(400);
      res.getOutputStream().write(sql);
    });
    JsonNode node = json.readTree(second.getContentAsString(StandardCharsets.UTF_8));
    assertThat(second.getStatus()).isEqualTo(400);
    assertThat(node.get("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(node.get("message").asText()).doesNotContain("INSERT", "ACT_RU").contains("请求无效");
  }
}
