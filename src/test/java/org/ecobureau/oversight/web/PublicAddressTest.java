package org.ecobureau.oversight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.ecobureau.oversight.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.WebServer;
import org.springframework.mock.env.MockEnvironment;

/** Mail links: the configured base URL, or the port the server actually listens on. */
class PublicAddressTest {

  @Test
  void aConfiguredBaseUrlWinsOverThePort() {
    PublicAddress address = new PublicAddress(TestProperties.of(Map.of("oversight.base-url", "https://dbxt.dingxi.gov.cn/")),
        new MockEnvironment());
    address.onApplicationEvent(started(9090, null));
    assertThat(address.derivedFromPort()).isFalse();
    assertThat(address.baseUrl()).isEqualTo("https://dbxt.dingxi.gov.cn");
  }

  @Test
  void unsetItFollowsTheServersActualPort() {
    MockEnvironment env = new MockEnvironment().withProperty("server.port", "0");
    PublicAddress address = new PublicAddress(TestProperties.of(Map.of("oversight.base-url", "")), env);
    assertThat(address.derivedFromPort()).isTrue();
    assertThat(address.baseUrl()).as("before the server started, port 0 asked for").isEqualTo("http://localhost:8080");
    address.onApplicationEvent(started(43117, null));
    assertThat(address.baseUrl()).isEqualTo("http://localhost:43117");
    address.onApplicationEvent(started(8081, "management"));
    assertThat(address.baseUrl()).as("the management server is not where users go").isEqualTo("http://localhost:43117");
  }

  @Test
  void unsetBeforeTheServerStartsItIsTheConfiguredPortWithTheContextPath() {
    MockEnvironment env = new MockEnvironment().withProperty("server.port", "9090")
        .withProperty("server.servlet.context-path", "/oversight");
    PublicAddress address = new PublicAddress(TestProperties.of(Map.of()), env);
    assertThat(address.baseUrl()).isEqualTo("http://localhost:9090/oversight");
  }

  private static WebServerInitializedEvent started(int port, String namespace) {
    WebServer server = mock(WebServer.class);
    when(server.getPort()).thenReturn(port);
    WebServerApplicationContext context = mock(WebServerApplicationContext.class);
    when(context.getServerNamespace()).thenReturn(namespace);
    return new WebServerInitializedEvent(server) {
      @Override
      public WebServerApplicationContext getApplicationContext() {
        return context;
      }
    };
  }
}
