package org.ecobureau.oversight.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ecobureau.oversight.OversightApplication;

/**
 * The application in a JVM of its own (the main classes and their dependencies, not the test
 * resources), on a free port, so a test can {@code kill -9} it or give it a small heap. Its
 * output goes to {@code target/app-logs/}; the port is read from the log line that Tomcat
 * writes when it is listening, and the app is used once it reports itself ready for traffic
 * (after its start-up work).
 */
public final class AppProcess implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
  /** Logged (at debug) after the start-up work, when the app accepts traffic. */
  private static final String READY = "ReadinessState changed to ACCEPTING_TRAFFIC";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the app with the given JVM options (e.g. {@code -Xmx1g}) and Spring arguments, and
   * waits until it listens (at most 4 minutes: other builds may share the machine).
   */
  public static AppProcess start(Path dir, String name, List<String> jvmOptions, List<String> args) {
    try {
      Files.createDirectories(dir);
      Path logs = Path.of("target", "app-logs").toAbsolutePath();
      Files.createDirectories(logs);
      Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-Duser.timezone=Asia/Shanghai");
      command.add("-cp");
      command.add(mainClassPath());
      command.add(OversightApplication.class.getName());
      command.add("--server.port=0");
      command.add("--spring.profiles.active=demo"); // demo users (lead, admin) and Camunda's tables made on start
      command.add("--spring.main.banner-mode=off");
      command.add("--logging.level.org.springframework.boot.availability.ApplicationAvailabilityBean=DEBUG");
      command.addAll(args);
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Thread pump = new Thread(() -> pump(process, log, port), "app-log-" + name);
      pump.setDaemon(true);
      pump.start();
      try {
        return new AppProcess(process, port.get(4, TimeUnit.MINUTES), log);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new AssertionError("app " + name + " did not start; log: " + log, e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<Integer> port) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      int listening = -1;
      while ((line = in.readLine()) != null) {
        out.println(line);
        Matcher m = PORT.matcher(line);
        if (listening < 0 && m.find()) {
          listening = Integer.parseInt(m.group(1));
        }
        if (listening > 0 && !port.isDone() && line.contains(READY)) {
          port.complete(listening);
        }
      }
      port.completeExceptionally(new IllegalStateException("the app exited before listening"));
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
  }

  /** This JVM's class path without the test classes and resources (the app as it is shipped). */
  static String mainClassPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(java.io.File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').replaceAll("/$", "").endsWith("/test-classes"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  /** SIGKILL: no shutdown hook, no flush, no close. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }

  // ------------------------------------------------------------------ HTTP

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public HttpRequest.Builder request(String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String user, String path) {
    return send(request(user, path).GET().build());
  }

  public JsonNode getJson(String user, String path) {
    Response r = get(user, path);
    assertThat(r.status()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return r.json();
  }

  public Response postJson(String user, String path, String json) {
    return send(request(user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  /** A multipart upload of one file under field {@code file}. */
  public Response upload(String user, String path, String fileName, byte[] content) {
    String boundary = "----oversight" + System.nanoTime();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return send(request(user, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build());
  }
}
