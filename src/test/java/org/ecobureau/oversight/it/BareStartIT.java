package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar} of the built jar, as the Docker image starts it, with no configuration:
 * it must not invent an administrator with a known password (nor demo users), and refuses to
 * start, saying what to set.
 */
class BareStartIT {

  @TempDir Path workDir;

  @Test
  void theJarAsTheImageStartsItCreatesNoUserAndRefusesToStartWithoutAnAdministrator() throws Exception {
    // what the Docker image sets itself: Camunda's tables made on the first start of the embedded database
    Run run = start(workDir.resolve("image"), Map.of("OVERSIGHT_CAMUNDA_SCHEMA_UPDATE", "true"));
    assertThat(run.out()).contains("No administrator exists").contains("OVERSIGHT_ADMIN_USER");
    assertThat(run.out()).doesNotContain("Demo users ready");
    assertThat(users(workDir.resolve("image"))).isEmpty();
  }

  @Test
  void theJarWithNothingAtAllCreatesNoUserEither() throws Exception {
    // without even the schema setting, Camunda finds no tables of its own and the start ends there
    start(workDir.resolve("bare"), Map.of());
    assertThat(users(workDir.resolve("bare"))).isEmpty();
  }

  record Run(String out) {}

  /** Runs the jar in {@code dir} with only {@code env} beyond a clean environment; it must exit non-zero. */
  Run start(Path dir, Map<String, String> env) throws Exception {
    Files.createDirectories(dir);
    File jar = builtJar();
    Path log = dir.resolve("out.log");
    ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx512m", "-jar", jar.getAbsolutePath(), "--server.port=0")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // nothing of this build's or the machine's configuration reaches it
    pb.environment().keySet().removeIf(k -> k.startsWith("OVERSIGHT_") || k.startsWith("SPRING_") || k.equals("PORT"));
    pb.environment().putAll(env);
    Process app = pb.start();
    boolean ended = app.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      app.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the app should refuse to start; output:%n%s", tail(out)).isTrue();
    assertThat(app.exitValue()).isNotZero();
    return new Run(out);
  }

  /** The users in the H2 database the run left in {@code dir} (none when it holds no user table). */
  static List<String> users(Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("data/oversight").toAbsolutePath() + ";ACCESS_MODE_DATA=r";
    List<String> users = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (ResultSet tables = c.getMetaData().getTables(null, null, "ACT_ID_USER", null)) {
        if (!tables.next()) {
          return users;
        }
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT ID_ FROM ACT_ID_USER")) {
        while (rs.next()) {
          users.add(rs.getString(1));
        }
      }
    }
    return users;
  }

  static File builtJar() {
    File[] jars = new File("target").listFiles((d, n) -> n.startsWith("pollution-oversight-") && n.endsWith(".jar")
        && !n.endsWith("-plain.jar") && !n.endsWith("-sources.jar"));
    assertThat(jars).as("the jar built by mvn package").isNotEmpty();
    return jars[0];
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
