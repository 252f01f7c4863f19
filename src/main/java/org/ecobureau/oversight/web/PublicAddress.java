package org.ecobureau.oversight.web;

import org.ecobureau.oversight.OversightProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address users reach this installation at, for links in mails: {@code oversight.base-url}
 * when it is set (a reverse proxy, a host name), otherwise {@code http://localhost:<port>} with
 * the port the web server actually listens on, so {@code --server.port=9090} (or a random port)
 * gives links on that port without setting the base URL as well. Until the server has started
 * (or without one, as in tests without a web environment) the configured {@code server.port} is
 * used, or 8080.
 */
@Component
public class PublicAddress implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(PublicAddress.class);

  private final String configured;
  private final Environment environment;
  private volatile String derived;

  public PublicAddress(OversightProperties properties, Environment environment) {
    String baseUrl = properties.baseUrl();
    this.configured = baseUrl == null || baseUrl.isBlank() ? null : withoutTrailingSlash(baseUrl.trim());
    this.environment = environment;
  }

  /** The base URL without a trailing slash, e.g. {@code http://localhost:9090}. */
  public String baseUrl() {
    if (configured != null) {
      return configured;
    }
    String known = derived;
    if (known != null) {
      return known;
    }
    Integer port = environment.getProperty("server.port", Integer.class);
    return local(port == null || port <= 0 ? 8080 : port);
  }

  /** Whether the base URL follows the server's port (oversight.base-url not set). */
  public boolean derivedFromPort() {
    return configured == null;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    // the management server (a separate port, if configured) is not where users go
    if (event.getApplicationContext().getServerNamespace() != null || configured != null) {
      return;
    }
    derived = local(event.getWebServer().getPort());
    LOG.info("Mail links point to {} (oversight.base-url is not set: the server's own port)", derived);
  }

  private String local(int port) {
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    return withoutTrailingSlash(scheme() + "://localhost:" + port + contextPath);
  }

  private String scheme() {
    boolean ssl = environment.getProperty("server.ssl.enabled", Boolean.class,
        environment.containsProperty("server.ssl.key-store") || environment.containsProperty("server.ssl.bundle"));
    return ssl ? "https" : "http";
  }

  private static String withoutTrailingSlash(String url) {
    return url.replaceAll("/+$", "");
  }
}
