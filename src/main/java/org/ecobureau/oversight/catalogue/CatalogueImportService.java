package org.ecobureau.oversight.catalogue;

import org.ecobureau.oversight.importing.TableReader;
import java.util.List;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.importing.ReplacingImport;
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
  public ReplacingImport.Result importFile(String fileName, byte[] content) {
    var table = TableReader.read(fileName, content,
        properties.upload().limits(properties.catalogue().maxUploadBytes()));
    List<KeyTask> tasks = parser.parse(fileName, table);
    ReplacingImport.Result result = ReplacingImport.apply(tasks, KeyTask::code, KeyTask::fingerprint, repository);
    LOG.info("Catalogue import of {}: {}", fileName, result);
    return result;
  }
}
