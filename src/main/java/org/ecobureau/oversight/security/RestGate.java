package org.ecobureau.oversight.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.security.EngineApiRules.Decision;
import org.ecobureau.oversight.security.EngineApiRules.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate in front of Camunda's REST APIs: the engine REST API ({@code /engine-rest}, HTTP
 * Basic) and the webapps' API ({@code /camunda/api}, the Tasklist/Cockpit session). Applies
 * {@link EngineApiRules} to every call and {@link SubmissionCheck} to every task completion and
 * start-form submission, before the engine sees the call, so a refused call changes nothing.
 * Must run after the engine REST API's authentication filter (it reads the authenticated user).
 */
public class RestGate extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RestGate.class);
  private static final Set<String> METHOD_OVERRIDES = Set.of("X-HTTP-Method-Override", "X-HTTP-Method",
      "X-Method-Override");
  /** A completion carries its evidence files inline (Base64): at most the request limit. */
  private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private final IdentityService identityService;
  private final SubmissionContracts contracts;
  private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public RestGate(IdentityService identityService, SubmissionContracts contracts) {
    this.identityService = identityService;
    this.contracts = contracts;
  }

  /** The authenticated caller of one request. */
  record Caller(String userId, List<String> groups) {
    Role role() {
      if (groups.contains(OrgDirectory.ADMIN_GROUP)) {
        return Role.ADMIN;
      }
      if (groups.contains(OrgDirectory.LEAD_GROUP) || groups.contains(OrgDirectory.SUPERVISOR_GROUP)) {
        return Role.CITY;
      }
      return Role.LOCAL;
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = normalisedPath(request);
    String method = request.getMethod().toUpperCase(java.util.Locale.ROOT);
    Caller caller = caller(request, path);
    Decision decision;
    if (path.startsWith("/engine-rest")) {
      decision = caller == null ? Decision.ALLOW // the engine's authentication filter answers
          : EngineApiRules.engineCall(caller.role(), caller.userId(), method, enginePath(path, "/engine-rest"));
    } else if (path.startsWith("/camunda/api/engine")) {
      decision = caller == null ? Decision.ALLOW // the webapp answers 401
          : EngineApiRules.engineCall(caller.role(), caller.userId(), method, enginePath(path, "/camunda/api/engine"));
    } else if (path.startsWith("/camunda/api/")) {
      String rest = path.substring("/camunda/api/".length());
      int slash = rest.indexOf('/');
      String app = slash < 0 ? rest : rest.substring(0, slash);
      decision = EngineApiRules.webappCall(app, slash < 0 ? "/" : rest.substring(slash),
          caller == null ? null : caller.role(), method);
    } else {
      decision = Decision.ALLOW;
    }
    if (caller != null && caller.role() != Role.ADMIN && hasMethodOverride(request)) {
      decision = Decision.DENY;
    }
    switch (decision.action()) {
      case ALLOW -> chain.doFilter(request, response);
      case DENY -> {
        LOG.info("Refused {} {} for user {}", method, path, caller == null ? "-" : caller.userId());
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
            "无权通过此接口执行该操作（" + method + " " + path + "）", List.of());
      }
      case CHECK_TASK_SUBMISSION -> checked(request, response, chain, contracts.ofTask(decision.subject()), false);
      case CHECK_START_BY_KEY -> checked(request, response, chain, contracts.ofStart(decision.subject(), true), true);
      case CHECK_START_BY_ID -> checked(request, response, chain, contracts.ofStart(decision.subject(), false), true);
    }
  }

  private void checked(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      Optional<FormContract> contract, boolean start) throws IOException, ServletException {
    if (contract.isEmpty()) {
      chain.doFilter(request, response); // no such task or process: the engine answers 404
      return;
    }
    if (start && contract.get().formKey() == null) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "此流程由系统发起，不能直接启动", List.of());
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException", "请求体过大", List.of());
      return;
    }
    JsonNode node;
    try {
      node = body.length == 0 ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
          "请求体不是有效的 JSON（或含重复的字段）", List.of());
      return;
    }
    SubmissionCheck.Result result = SubmissionCheck.check(contract.get(), node, start);
    if (!result.acceptable()) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
          "提交被拒绝，未作任何修改：" + String.join("；", result.problems()), result.problems());
      return;
    }
    if (!result.leftOut().isEmpty()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("variables")).remove(result.leftOut());
      body = json.writeValueAsBytes(node);
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  private void refuse(HttpServletResponse response, int status, String type, String message, List<String> problems)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(json.writeValueAsString(Map.of("type", type, "message", message, "problems", problems)));
  }

  private Caller caller(HttpServletRequest request, String path) {
    if (path.startsWith("/engine-rest")) {
      Authentication auth = identityService.getCurrentAuthentication();
      return auth == null || auth.getUserId() == null ? null
          : new Caller(auth.getUserId(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds());
    }
    HttpSession session = request.getSession(false);
    Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (auths == null) {
      return null;
    }
    for (UserAuthentication ua : auths.getAuthentications()) {
      if (ua.getIdentityId() != null) {
        return new Caller(ua.getIdentityId(), ua.getGroupIds() == null ? List.of() : List.copyOf(ua.getGroupIds()));
      }
    }
    return null;
  }

  private static boolean hasMethodOverride(HttpServletRequest request) {
    return METHOD_OVERRIDES.stream().anyMatch(h -> request.getHeader(h) != null);
  }

  /**
   * The request path as the REST resources see it: below the context path, path parameters
   * ({@code ;x=y}) removed, percent-decoded, repeated and trailing slashes removed.
   */
  static String normalisedPath(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    uri = uri.replaceAll(";[^/]*", "");
    uri = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
    uri = uri.replaceAll("/{2,}", "/");
    while (uri.length() > 1 && uri.endsWith("/")) {
      uri = uri.substring(0, uri.length() - 1);
    }
    return uri;
  }

  /** {@code /engine-rest/engine/default/task} and {@code /engine-rest/task} both give {@code /task}. */
  static String enginePath(String path, String mount) {
    String rest = path.substring(mount.length());
    if (rest.startsWith("/engine/")) {
      int next = rest.indexOf('/', "/engine/".length());
      rest = next < 0 ? "/engine" : rest.substring(next);
    }
    return rest.isEmpty() ? "/" : rest;
  }

  /** The request with its body read once by the gate and replayed to the REST API. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
