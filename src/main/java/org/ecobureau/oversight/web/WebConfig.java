package org.ecobureau.oversight.web;

import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.security.LoginThrottle;
import org.ecobureau.oversight.security.RestGate;
import org.ecobureau.oversight.security.SubmissionContracts;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every REST call is authenticated (the engine's REST API here; the application's /api by Spring
 * Security, see {@link ApiSecurity}), password guessing is slowed per client address, and calls of
 * Camunda's REST APIs pass the gate. Order: throttle (before Spring Security's filter chain, so it
 * sees /api's failed logins too), authentication, gate.
 */
@Configuration
public class WebConfig {

  static final int THROTTLE_ORDER = org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER - 10;
  static final int AUTHENTICATION_ORDER = 20;
  static final int GATE_ORDER = 30;

  @Bean
  public FilterRegistrationBean<LoginThrottle> loginThrottle(OversightProperties properties, Clock clock) {
    var login = properties.security().login();
    var reg = new FilterRegistrationBean<>(new LoginThrottle(login.maxFailures(), login.window(), login.block(),
        clock));
    reg.setName("login-throttle");
    reg.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/admin/auth/*");
    reg.setOrder(THROTTLE_ORDER);
    return reg;
  }

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var reg = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    reg.setName("engine-rest-authentication");
    reg.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    reg.addUrlPatterns("/engine-rest/*");
    reg.setOrder(AUTHENTICATION_ORDER);
    return reg;
  }

  @Bean
  public FilterRegistrationBean<RestGate> restGate(IdentityService identityService, SubmissionContracts contracts) {
    var reg = new FilterRegistrationBean<>(new RestGate(identityService, contracts));
    reg.setName("rest-gate");
    reg.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    reg.setOrder(GATE_ORDER);
    return reg;
  }
}
