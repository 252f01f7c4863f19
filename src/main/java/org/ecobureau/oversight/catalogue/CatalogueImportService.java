package org.ecobureau.oversight.catalogue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecobureau.oversight.OversightProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a key-task table all or nothing: the whole file is validated first, then written in
 * one transaction. Importing replaces the catalogue (tasks missing from the file are retired),
 * and importing the same file again changes nothing.
 */
@Service
public class CatalogueImportService {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueImportService.class);

  /** What an import did, by task code count. */
  public record ImportResult(int total, int created, int updated, int unchanged, int retired) {}

  private final CatalogueParser parser;
  private final CatalogueRepository repository;
  private final OversightProperties properties;

  public CatalogueImportService(CatalogueParser parser, CatalogueRepository repository,
      OversightProperties properties) {
    this.parser = parser;
    this.repository = repository;
    this.properties = properties;
  }

  @Transactional
  public ImportResult importFile(String fileName, byte[] content) {
    var table = TableReader.read(fileName, content, properties.catalogue().maxUploadBytes());
    List<KeyTask> tasks = parser.parse(fileName, table);
    Map<String, String> existing = repository.fingerprints();
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    Set<String> codes = new HashSet<>();
    for (KeyTask t : tasks) {
      codes.add(t.code());
      String old = existing.get(t.code());
      if (old == null) {
        repository.insert(t);
        created++;
      } else if (old.equals(t.fingerprint())) {
        unchanged++;
      } else {
        repository.update(t);
        updated++;
      }
    }
    int retired = 0;
    for (var e : existing.entrySet()) {
      if (!codes.contains(e.getKey()) && !"retired".equals(e.getValue())) {
        repository.retire(e.getKey());
        retired++;
      }
    }
    ImportResult result = new ImportResult(tasks.size(), created, updated, unchanged, retired);
    LOG.info("Catalogue import of {}: {}", fileName, result);
    return result;
  }
}
