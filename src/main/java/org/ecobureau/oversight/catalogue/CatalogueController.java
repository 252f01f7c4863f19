package org.ecobureau.oversight.catalogue;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.importing.ReplacingImport;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The key-task catalogue: list and import (lead only); dispatch is {@code assignment.DispatchController}. */
@RestController
@RequestMapping("/api/catalogue")
public class CatalogueController {

  private final CatalogueImportService importService;
  private final CatalogueRepository repository;
  private final OrgDirectory org;

  public CatalogueController(CatalogueImportService importService, CatalogueRepository repository,
      OrgDirectory org) {
    this.importService = importService;
    this.repository = repository;
    this.org = org;
  }

  /** A catalogue entry as people read it: unit and county names, not codes. */
  public record Entry(String code, String chapter, String section, String title, String content,
      String sourceText, List<String> leadUnits, List<String> coopUnits, List<String> counties,
      List<String> units, java.time.LocalDate deadline, String deadlineText, String target, String cadence) {}

  @GetMapping
  public List<Entry> list() {
    return repository.findActive().stream().map(t -> new Entry(t.code(), t.chapter(), t.section(),
        t.title(), t.content(), t.sourceText(), names(t.leadUnits(), true), names(t.coopUnits(), true),
        names(t.counties(), false), names(t.units(), true), t.deadline(), t.deadlineText(), t.target(), t.cadence())).toList();
  }

  private List<String> names(List<String> codes, boolean units) {
    return codes.stream().map(c -> units ? org.unit(c).map(u -> u.name()).orElse(c)
        : org.county(c).map(x -> x.name()).orElse(c)).toList();
  }

  @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ReplacingImport.Result importFile(@RequestParam("file") MultipartFile file,
      HttpServletRequest request) throws IOException {
    ApiUser.requireLead(request, "只有市局领导（lead）或管理员可以导入和交办重点任务");
    return importService.importFile(file.getOriginalFilename(), file.getBytes());
  }
}
