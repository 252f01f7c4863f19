package org.ecobureau.oversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing by the client's address, never by the account: after
 * {@code maxFailures} failed logins (wrong HTTP Basic credentials or a failed webapp login) from
 * one address within {@code window}, that address gets 429 for {@code block} without its
 * password being checked. The engine's own per-user lock is switched off (see application.yaml,
 * {@code loginMaxAttempts}), so nobody can lock a colleague out by typing wrong passwords under
 * their name. Behind a reverse proxy, the address is the one Tomcat resolves from the proxy's
 * headers when {@code server.forward-headers-strategy} is set (see SECURITY.md). Counters are
 * per node.
 */
public class LoginThrottle extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  /** Beyond this many tracked addresses, those without recent failures are forgotten. */
  private static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Duration block;
  private final Clock clock;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, Duration window, Duration block, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.block = block;
    this.clock = clock;
  }

  private static final class Failures {
    final Deque<Instant> times = new ArrayDeque<>();
    Instant blockedUntil;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean login = isLogin(request);
    boolean credentials = login || request.getHeader("Authorization") != null;
    if (!credentials) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Instant now = clock.instant();
    Instant blockedUntil = blockedUntil(address, now);
    if (blockedUntil != null) {
      long seconds = Math.max(1, Duration.between(now, blockedUntil).toSeconds());
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"TooManyRequests\",\"message\":\"登录失败次数过多，请 "
          + Math.max(1, (seconds + 59) / 60) + " 分钟后再试\"}");
      return;
    }
    chain.doFilter(request, response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED || login && status == HttpServletResponse.SC_FORBIDDEN) {
      failed(address, now);
    }
  }

  private static boolean isLogin(HttpServletRequest request) {
    return "POST".equalsIgnoreCase(request.getMethod())
        && request.getRequestURI().contains("/api/admin/auth/user/") && request.getRequestURI().contains("/login/");
  }

  private Instant blockedUntil(String address, Instant now) {
    Failures f = byAddress.get(address);
    if (f == null) {
      return null;
    }
    synchronized (f) {
      return f.blockedUntil != null && f.blockedUntil.isAfter(now) ? f.blockedUntil : null;
    }
  }

  private void failed(String address, Instant now) {
    if (byAddress.size() > MAX_TRACKED) {
      forgetQuiet(now);
    }
    Failures f = byAddress.computeIfAbsent(address, a -> new Failures());
    synchronized (f) {
      f.times.addLast(now);
      while (!f.times.isEmpty() && f.times.peekFirst().isBefore(now.minus(window))) {
        f.times.removeFirst();
      }
      if (f.times.size() >= maxFailures) {
        f.blockedUntil = now.plus(block);
        f.times.clear();
        LOG.warn("Login attempts from {} blocked until {} after {} failures", address, f.blockedUntil, maxFailures);
      }
    }
  }

  private void forgetQuiet(Instant now) {
    byAddress.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        Failures f = e.getValue();
        boolean blocked = f.blockedUntil != null && f.blockedUntil.isAfter(now);
        boolean recent = !f.times.isEmpty() && f.times.peekLast().isAfter(now.minus(window));
        return !blocked && !recent;
      }
    });
  }
}
