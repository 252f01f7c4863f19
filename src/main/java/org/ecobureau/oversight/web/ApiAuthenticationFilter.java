package org.ecobureau.oversight.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates /api requests against the engine's users: HTTP Basic (scripts, tests) or the
 * session of a user logged in to the Camunda webapps (the import page). Session requests must
 * carry {@code X-Requested-With}, which a cross-site form cannot send.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  public ApiAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ApiUser user = fromBasic(request);
    if (user == null) {
      user = fromSession(request);
    }
    if (user == null) {
      // a page's script (Cockpit plugin, expired session) gets the 401 without the challenge, so
      // the browser shows the page's own message instead of a password prompt
      if (request.getHeader("X-Requested-With") == null) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"oversight\"");
      }
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"message\":\"需要登录（HTTP Basic 或已登录的 Camunda 会话）\"}");
      return;
    }
    request.setAttribute(ApiUser.ATTRIBUTE, user);
    try {
      identityService.setAuthentication(user.id(), user.groups());
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ApiUser fromBasic(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String id = decoded.substring(0, colon);
    if (!identityService.checkPassword(id, decoded.substring(colon + 1))) {
      return null;
    }
    return new ApiUser(id, groupsOf(id));
  }

  private ApiUser fromSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || request.getHeader("X-Requested-With") == null) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    if (auths == null) {
      return null;
    }
    for (UserAuthentication ua : auths.getAuthentications()) {
      return new ApiUser(ua.getIdentityId(), groupsOf(ua.getIdentityId()));
    }
    return null;
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }
}
