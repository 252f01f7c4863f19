package org.ecobureau.oversight.rectification;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.Unit;
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

/** The inspection rectification ledger (整改台账): list, and import (lead only). */
@RestController
@RequestMapping("/api/rectification")
public class LedgerController {

  private final LedgerImportService importService;
  private final LedgerRepository repository;
  private final OrgDirectory org;

  public LedgerController(LedgerImportService importService, LedgerRepository repository, OrgDirectory org) {
    this.importService = importService;
    this.repository = repository;
    this.org = org;
  }

  /** A ledger item as people read it: county and unit names beside their codes. */
  public record Entry(String businessKey, String source, String sourceCode, String round,
      LocalDate feedbackDate, String problemNo, String problem, String countyCode, String county,
      String responsibleUnit, String leadUnitCode, String leadUnit, String acceptanceUnitCode,
      String acceptanceUnit, String responsibleLeader, LocalDate deadline, boolean longTerm,
      String measures) {}

  @GetMapping
  public List<Entry> list() {
    return repository.findActive().stream().map(t -> new Entry(t.businessKey(), t.source(),
        t.sourceCode(), t.round(), t.feedbackDate(), t.problemNo(), t.problem(), t.county(),
        org.county(t.county()).map(County::name).orElse(t.county()), t.responsibleUnit(),
        t.leadUnit(), unitName(t.leadUnit()), t.acceptanceUnit(), unitName(t.acceptanceUnit()),
        t.responsibleLeader(), t.deadline(), t.longTerm(), t.measures())).toList();
  }

  private String unitName(String code) {
    return org.unit(code).map(Unit::name).orElse(code);
  }

  @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ReplacingImport.Result importFile(@RequestParam("file") MultipartFile file,
      HttpServletRequest request) throws IOException {
    ApiUser.requireLead(request, "只有市局领导（lead）或管理员可以导入整改台账");
    return importService.importFile(file.getOriginalFilename(), file.getBytes());
  }

}
