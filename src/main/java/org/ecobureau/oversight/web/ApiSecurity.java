package org.ecobureau.oversight.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security for the application's own API ({@code /api/**}): HTTP Basic against the
 * engine's users (scripts, tests), or the session of a user logged in to the Camunda webapps
 * (the import page, the Cockpit board) when the request carries {@code X-Requested-With}, which a
 * cross-site form cannot send. The authenticated user is then the engine's authentication for
 * the request, so the engine's authorizations apply to everything the API reads. Camunda's own
 * apps and REST API keep their own authentication (see {@link WebConfig}).
 */
@Configuration
@EnableWebSecurity
public class ApiSecurity {

  private static final String NEEDS_LOGIN = "{\"message\":\"需要登录（HTTP Basic 或已登录的 Camunda 会话）\"}";

  @Bean
  public SecurityFilterChain apiChain(HttpSecurity http, IdentityService identityService) throws Exception {
    AuthenticationEntryPoint entryPoint = ApiSecurity::unauthorized;
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        // Basic credentials, or a session with a header no cross-site form can send
        .csrf(c -> c.disable())
        // never touch the webapp session: changing its id under Cockpit's parallel requests logs
        // the user out (found by the Cockpit e2e)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(f -> f.none()))
        .requestCache(r -> r.disable())
        .addFilterBefore(new CamundaSession(identityService), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthentication(identityService), AuthorizationFilter.class)
        .build();
  }

  /** Checks HTTP Basic credentials against the engine's users; the user's groups become authorities. */
  @Bean
  public AuthenticationProvider engineUsers(IdentityService identityService) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String id = authentication.getName();
        Object password = authentication.getCredentials();
        if (id == null || password == null || !identityService.checkPassword(id, password.toString())) {
          throw new BadCredentialsException("wrong user or password");
        }
        return token(id, groupsOf(identityService, id));
      }

      @Override
      public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }

  static UsernamePasswordAuthenticationToken token(String userId, List<String> groups) {
    return UsernamePasswordAuthenticationToken.authenticated(userId, null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
  }

  static List<String> groupsOf(IdentityService identityService, String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /**
   * A page's script (the Cockpit plugin, an expired session) gets the 401 without the Basic
   * challenge, so the browser shows the page's own message instead of a password prompt.
   */
  private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException e) throws IOException {
    if (request.getHeader("X-Requested-With") == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"oversight\"");
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(NEEDS_LOGIN);
  }

  /** The user logged in to the Camunda webapps, for requests that carry X-Requested-With. */
  static final class CamundaSession extends OncePerRequestFilter {
    private final IdentityService identityService;

    CamundaSession(IdentityService identityService) {
      this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      HttpSession session = request.getSession(false);
      if (session != null && request.getHeader("X-Requested-With") != null
          && request.getHeader("Authorization") == null) {
        Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
        if (auths != null) {
          for (UserAuthentication ua : auths.getAuthentications()) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(token(ua.getIdentityId(), groupsOf(identityService, ua.getIdentityId())));
            SecurityContextHolder.setContext(context);
            break;
          }
        }
      }
      chain.doFilter(request, response);
    }
  }

  /** Makes the authenticated caller the engine's authentication (and {@link ApiUser}) for the request. */
  static final class EngineAuthentication extends OncePerRequestFilter {
    private final IdentityService identityService;

    EngineAuthentication(IdentityService identityService) {
      this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication auth = SecurityContextHolder.getContext().getAuthentication();
      if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
        chain.doFilter(request, response);
        return;
      }
      List<String> groups = auth.getAuthorities().stream().map(a -> a.getAuthority()).toList();
      request.setAttribute(ApiUser.ATTRIBUTE, new ApiUser(auth.getName(), groups));
      try {
        identityService.setAuthentication(auth.getName(), groups);
        chain.doFilter(request, response);
      } finally {
        identityService.clearAuthentication();
      }
    }
  }
}
