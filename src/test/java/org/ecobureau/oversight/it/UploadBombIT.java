package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ecobureau.oversight.support.AppProcess;
import org.ecobureau.oversight.support.CraftedFiles;
import org.ecobureau.oversight.support.TestSmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 1.4 MB XLSX whose sheet inflates to 94 MB (68:1, under POI's 100:1 guard), uploaded to the
 * built app running with a 1 GB heap: refused with a 400 and one problem, and the app keeps
 * answering. Reading the whole workbook into memory, as the import once did, ran out of heap.
 */
class UploadBombIT {

  private static final Logger LOG = LoggerFactory.getLogger(UploadBombIT.class);

  @TempDir Path tmp;

  @Test
  void xlsxBombIsRefusedAndTheServerKeepsAnswering() {
    byte[] bomb = CraftedFiles.xlsxBomb();
    try (AppProcess app = AppProcess.start(tmp, "bomb", List.of("-Xmx1g"), List.of(
        "--spring.datasource.url=jdbc:h2:file:" + tmp.resolve("data/oversight").toAbsolutePath(),
        "--oversight.demo.start-key-tasks=false",
        "--management.endpoints.web.exposure.include=health,metrics",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + TestSmtp.PORT))) {
      long started = System.nanoTime();
      AppProcess.Response response = app.upload("lead", "/api/catalogue/import", "bomb.xlsx", bomb);
      long millis = (System.nanoTime() - started) / 1_000_000;
      double heapMb = app.getJson("admin", "/actuator/metrics/jvm.memory.used?tag=area:heap")
          .get("measurements").get(0).get("value").asDouble() / (1024 * 1024);
      LOG.info("{} byte bomb answered {} in {} ms ({} byte body); heap used after: {} MB",
          bomb.length, response.status(), millis, response.body().length(), Math.round(heapMb));

      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.json().get("total").asInt()).isEqualTo(1);
      assertThat(response.json().get("errors").get(0).get("reason").asText()).contains("上限");
      assertThat(response.body().length()).isLessThan(2_000);
      assertThat(millis).as("a safety net, not a benchmark").isLessThan(20_000);

      assertThat(app.get("admin", "/actuator/health").status()).isEqualTo(200);
      assertThat(app.getJson("lead", "/api/catalogue")).hasSize(162);
    }
  }
}
