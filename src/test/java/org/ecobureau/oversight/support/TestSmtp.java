package org.ecobureau.oversight.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The test SMTP server's port: free, chosen once per test JVM, so two builds on one machine do
 * not collide and every cached Spring context of this JVM points at the same server. Registered
 * as an {@link EnvironmentPostProcessor} (META-INF/spring.factories), so every test context gets
 * {@code spring.mail.port} from here.
 */
public final class TestSmtp implements EnvironmentPostProcessor {

  public static final int PORT = freePort();

  /** A GreenMail server on {@link #PORT}, fresh for each test method. */
  public static GreenMailExtension perMethod() {
    return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
        .withPerMethodLifecycle(true);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addFirst(new MapPropertySource("test-smtp",
        Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", PORT)));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
