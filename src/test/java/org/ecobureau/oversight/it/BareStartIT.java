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
  void theBareJarCreatesNoUserAndRefusesToStartWithoutAnAdministrator() throws Exception {
    File jar = builtJar();
    Path log = workDir.resolve("out.log");
    ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx512m", "-jar", jar.getAbsolutePath(), "--server.port=0")
        .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // nothing of this build's or the machine's configuration reaches it, but what the Docker image
    // sets itself: Camunda's tables made on the first start of the embedded database
    pb.environment().keySet().removeIf(k -> k.startsWith("OVERSIGHT_") || k.startsWith("SPRING_") || k.equals("PORT"));
    pb.environment().put("OVERSIGHT_CAMUNDA_SCHEMA_UPDATE", "true");
    Process app = pb.start();
    boolean ended = app.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      app.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the app should refuse to start; output:%n%s", tail(out)).isTrue();
    assertThat(app.exitValue()).isNotZero();
    assertThat(out).contains("No administrator exists").contains("OVERSIGHT_ADMIN_USER");
    assertThat(out).doesNotContain("Demo users ready");

    // the database it made holds no user at all: no admin/demo, no demo users
    String url = "jdbc:h2:file:" + workDir.resolve("data/oversight").toAbsolutePath() + ";ACCESS_MODE_DATA=r";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
         ResultSet rs = c.createStatement().executeQuery("SELECT ID_ FROM ACT_ID_USER")) {
      List<String> users = new ArrayList<>();
      while (rs.next()) {
        users.add(rs.getString(1));
      }
      assertThat(users).isEmpty();
    }
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
