package org.ecobureau.oversight.rectification;

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
 * Imports a rectification ledger all or nothing: the whole file is validated first, then written
 * in one transaction. Importing replaces the ledger (items missing from the file are retired),
 * and importing the same file again changes nothing. Items are matched by business key.
 */
@Service
public class LedgerImportService {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerImportService.class);

  /** What an import did, counted in items (one per problem and county). */
  public record ImportResult(int total, int created, int updated, int unchanged, int retired) {}

  private final LedgerParser parser;
  private final LedgerRepository repository;
  private final OversightProperties properties;

  public LedgerImportService(LedgerParser parser, LedgerRepository repository,
      OversightProperties properties) {
    this.parser = parser;
    this.repository = repository;
    this.properties = properties;
  }

  @Transactional
  public ImportResult importFile(String fileName, byte[] content) {
    List<RectificationItem> items = parser.parse(fileName, content, properties.catalogue().maxUploadBytes());
    Map<String, String> existing = repository.fingerprints();
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    Set<String> keys = new HashSet<>();
    for (RectificationItem t : items) {
      keys.add(t.businessKey());
      String old = existing.get(t.businessKey());
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
      if (!keys.contains(e.getKey()) && !LedgerRepository.RETIRED.equals(e.getValue())) {
        repository.retire(e.getKey());
        retired++;
      }
    }
    ImportResult result = new ImportResult(items.size(), created, updated, unchanged, retired);
    LOG.info("Rectification ledger import of {}: {}", fileName, result);
    return result;
  }
}
