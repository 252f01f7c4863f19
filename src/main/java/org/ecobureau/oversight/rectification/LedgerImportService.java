package org.ecobureau.oversight.rectification;

import java.util.List;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.importing.ReplacingImport;
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
  public ReplacingImport.Result importFile(String fileName, byte[] content) {
    List<RectificationItem> items = parser.parse(fileName, content,
        properties.upload().limits(properties.catalogue().maxUploadBytes()));
    ReplacingImport.Result result = ReplacingImport.apply(items, RectificationItem::businessKey,
        RectificationItem::fingerprint, repository);
    LOG.info("Rectification ledger import of {}: {}", fileName, result);
    return result;
  }
}
