package org.ecobureau.oversight.supervision;

import java.util.Map;
import org.ecobureau.oversight.supervision.CaseFileService.CaseFileNotFoundException;
import org.ecobureau.oversight.web.Downloads;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 一案一档 of one item, as JSON or as an Excel download. The business key is one path segment
 * and may contain {@code :} and {@code .} (e.g. {@code KT-3.2.1:anding}); a trailing
 * {@code .xlsx} asks for the workbook. Who may read which item is decided by the engine's
 * authorizations, see {@link CaseFileService}; an item the caller may not read answers 404.
 */
@RestController
@RequestMapping("/api/case-files")
public class CaseFileController {

  static final String XLSX_SUFFIX = ".xlsx";

  private final CaseFileService service;

  public CaseFileController(CaseFileService service) {
    this.service = service;
  }

  /** Any key not ending in .xlsx (that one is more specific and goes to {@link #workbook}). */
  @GetMapping(path = "/{businessKey}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CaseFile caseFile(@PathVariable String businessKey) {
    return service.caseFile(businessKey);
  }

  @GetMapping(path = "/{businessKey}" + XLSX_SUFFIX, produces = CaseFileWorkbook.CONTENT_TYPE)
  public ResponseEntity<byte[]> workbook(@PathVariable String businessKey) {
    CaseFile file = service.caseFile(businessKey);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment("一案一档-" + file.businessKey() + XLSX_SUFFIX))
        .contentType(MediaType.parseMediaType(CaseFileWorkbook.CONTENT_TYPE))
        .body(CaseFileWorkbook.toBytes(file));
  }

  @ExceptionHandler(CaseFileNotFoundException.class)
  public ResponseEntity<Map<String, String>> notFound(CaseFileNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("message", e.getMessage()));
  }
}
