package org.ecobureau.oversight.web;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every REST call is authenticated: the engine's REST API and the application's /api. */
@Configuration
public class WebConfig {

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var reg = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    reg.setName("engine-rest-authentication");
    reg.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    reg.addUrlPatterns("/engine-rest/*");
    return reg;
  }

  @Bean
  public FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService) {
    var reg = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
    reg.setName("api-authentication");
    reg.addUrlPatterns("/api/*");
    return reg;
  }
}
