package org.ecobureau.oversight.rectification;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads the illustrative demo ledger shipped with the application into an empty ledger. Its
 * problems are invented (the file says so in its first line); an imported real ledger is never
 * overwritten by it.
 */
@Component
public class DemoLedger {

  /** Classpath location of the demo ledger. */
  public static final String LOCATION = "rectification/demo-ledger.csv";

  private static final Logger LOG = LoggerFactory.getLogger(DemoLedger.class);

  private final LedgerImportService importService;
  private final LedgerRepository repository;

  public DemoLedger(LedgerImportService importService, LedgerRepository repository) {
    this.importService = importService;
    this.repository = repository;
  }

  /**
   * Imports the demo ledger when the ledger has never held an item (retired ones count as held).
   * Returns true when it did.
   */
  public boolean loadIfEmpty() {
    if (!repository.fingerprints().isEmpty()) {
      return false;
    }
    var result = importService.importFile(LOCATION.substring(LOCATION.lastIndexOf('/') + 1), bytes());
    LOG.info("Loaded demo rectification ledger {} (illustrative only): {} items", LOCATION, result.total());
    return true;
  }

  /** The demo ledger's bytes. */
  public static byte[] bytes() {
    Resource r = new ClassPathResource(LOCATION);
    try (InputStream in = r.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read demo ledger " + LOCATION, e);
    }
  }
}
