package org.ecobureau.oversight.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ecobureau.oversight.common.ConflictTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the engine's REST API (and the webapps' API) tells a client when something fails. Camunda's
 * own exception mappers answer with the exception's class name ({@code type}) and raw message,
 * which for a failed statement is SQL. This filter holds back error answers only (status 400 and
 * up; successful answers stream through untouched) and rewrites them:
 * <ul>
 *   <li>5xx: a generic Chinese message and a reference number; the reference is logged with the
 *       original exception (recorded by {@link ConflictTranslator}) and the original body;</li>
 *   <li>4xx: kept as Camunda built it (validation messages name the field, 403/404 say what is
 *       missing), except that a message showing SQL is replaced by a generic one.</li>
 * </ul>
 * Conflicts are 409 already ({@link ConflictTranslator}); the application's own /api has
 * {@link ApiErrors}.
 */
public class EngineErrorBodies extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(EngineErrorBodies.class);

  /** Before the login throttle, the authentication filters and the gate, so their answers pass here too. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  /** Statement text, MyBatis' error report, or a JDBC driver speaking. */
  private static final Pattern SQL = Pattern.compile(
      "SQL|###|\\b(?:SELECT|INSERT|UPDATE|DELETE|MERGE)\\b[\\s\\S]*\\b(?:FROM|INTO|SET|WHERE|VALUES)\\b|org\\.h2\\.|org\\.postgresql\\.|org\\.apache\\.ibatis\\.",
      Pattern.CASE_INSENSITIVE);

  private final ObjectMapper json = new ObjectMapper();

  /** The filter on the engine's REST API and the webapps' API (Cockpit, Tasklist, Admin, engine). */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<EngineErrorBodies> engineErrorBodies() {
      var reg = new FilterRegistrationBean<>(new EngineErrorBodies());
      reg.setName("engine-error-bodies");
      reg.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
      reg.setOrder(ORDER);
      return reg;
    }
  }

  /** The generic message of a 5xx, naming the reference. */
  public static String serverErrorMessage(String reference) {
    return "服务器内部错误，操作未完成。请稍后重试；如仍失败，请把编号 " + reference + " 告知管理员";
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ErrorHoldingResponse wrapper = new ErrorHoldingResponse(response);
    try {
      chain.doFilter(request, wrapper);
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted() || wrapper.held == null && wrapper.streaming) {
        throw e;
      }
      // Not answered by Jersey at all: answer here rather than let the container print the exception.
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      wrapper.held = new ByteArrayOutputStream();
      request.setAttribute(ConflictTranslator.FAILURE_ATTRIBUTE, e);
    }
    wrapper.finish();
    if (wrapper.held == null) {
      return;
    }
    int status = response.getStatus();
    byte[] original = wrapper.held.toByteArray();
    byte[] body = status >= 500 ? serverError(request, original) : clientError(original);
    response.setContentType("application/json;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  private byte[] serverError(HttpServletRequest request, byte[] original) throws IOException {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    Object failure = request.getAttribute(ConflictTranslator.FAILURE_ATTRIBUTE);
    String originalBody = new String(original, StandardCharsets.UTF_8);
    if (failure instanceof Throwable t) {
      LOG.error("Engine REST request {} {} failed (ref {}); answered: {}", request.getMethod(),
          request.getRequestURI(), reference, originalBody, t);
    } else {
      LOG.error("Engine REST request {} {} failed (ref {}); answered: {}", request.getMethod(),
          request.getRequestURI(), reference, originalBody);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "ServerError");
    body.put("message", serverErrorMessage(reference));
    body.put("reference", reference);
    return json.writeValueAsBytes(body);
  }

  private byte[] clientError(byte[] original) {
    try {
      if (!(json.readTree(original) instanceof ObjectNode node) || !node.hasNonNull("message")
          || !SQL.matcher(node.get("message").asText()).find()) {
        return original;
      }
      LOG.info("SQL withheld from a client error answer: {}", node.get("message").asText());
      node.put("message", "请求无效，操作未完成");
      return json.writeValueAsBytes(node);
    } catch (IOException notJson) {
      return SQL.matcher(new String(original, StandardCharsets.UTF_8)).find()
          ? "{\"message\":\"请求无效，操作未完成\"}".getBytes(StandardCharsets.UTF_8) : original;
    }
  }

  /**
   * Passes a successful answer through as it is written; holds back the body of an error answer
   * (the status is set before the body is written) and the content length that came with it.
   */
  static final class ErrorHoldingResponse extends HttpServletResponseWrapper {
    ByteArrayOutputStream held;
    boolean streaming;
    private long contentLength = -1;
    private ServletOutputStream out;
    private PrintWriter writer;

    ErrorHoldingResponse(HttpServletResponse response) {
      super(response);
    }

    private boolean decide() {
      if (held == null && !streaming) {
        if (getStatus() >= 400) {
          held = new ByteArrayOutputStream();
        } else {
          streaming = true;
          if (contentLength >= 0) {
            super.setContentLengthLong(contentLength);
          }
        }
      }
      return held != null;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!decide()) {
        return super.getOutputStream();
      }
      if (out == null) {
        out = new ServletOutputStream() {
          @Override
          public void write(int b) {
            held.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            held.write(b, off, len);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
          }
        };
      }
      return out;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!decide()) {
        return super.getWriter();
      }
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void setContentLength(int len) {
      setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
      if (streaming) {
        super.setContentLengthLong(len);
      } else {
        contentLength = len;
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name) && !streaming) {
        contentLength = value == null ? -1 : Long.parseLong(value.trim());
      } else {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name) && !streaming) {
        contentLength = value == null ? -1 : Long.parseLong(value.trim());
      } else {
        super.addHeader(name, value);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!decide()) {
        super.flushBuffer();
      }
    }

    /** After the chain: an answer without a body still gets the content length it announced. */
    void finish() {
      if (writer != null) {
        writer.flush();
      }
      if (held == null && !streaming && contentLength >= 0) {
        super.setContentLengthLong(contentLength);
      }
    }
  }
}
