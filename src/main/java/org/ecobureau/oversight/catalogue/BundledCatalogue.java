package org.ecobureau.oversight.catalogue;

import java.io.IOException;
import java.io.InputStream;
import org.ecobureau.oversight.OversightProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads the catalogue shipped with the application (decomposed from the plan) into an empty
 * catalogue. An imported official table is never overwritten by it.
 */
@Component
public class BundledCatalogue {

  private static final Logger LOG = LoggerFactory.getLogger(BundledCatalogue.class);

  private final CatalogueImportService importService;
  private final CatalogueRepository repository;
  private final OversightProperties properties;

  public BundledCatalogue(CatalogueImportService importService, CatalogueRepository repository,
      OversightProperties properties) {
    this.importService = importService;
    this.repository = repository;
    this.properties = properties;
  }

  public void loadIfEmpty() {
    if (!repository.fingerprints().isEmpty()) {
      return;
    }
    String location = properties.catalogue().bundled();
    Resource r = new DefaultResourceLoader().getResource(location);
    try (InputStream in = r.getInputStream()) {
      var result = importService.importFile(r.getFilename(), in.readAllBytes());
      LOG.info("Loaded bundled catalogue {}: {} tasks", location, result.total());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read bundled catalogue " + location, e);
    }
  }
}
