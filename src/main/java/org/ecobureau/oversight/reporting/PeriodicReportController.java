package org.ecobureau.oversight.reporting;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.ecobureau.oversight.web.ApiErrors;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The periodic report forms' API ({@code /api/periodic-reports}): read a report task's rows, save
 * the party's drafts row by row, upload and remove evidence, save the reviewer's decisions,
 * download evidence; and the lead's 开启本期报送. A task the caller cannot see answers 404.
 */
@RestController
@RequestMapping("/api/periodic-reports")
public class PeriodicReportController {

  private final PeriodicReportService service;

  public PeriodicReportController(PeriodicReportService service) {
    this.service = service;
  }

  @GetMapping(path = "/tasks/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> task(@PathVariable String taskId) {
    return service.view(taskId);
  }

  @PutMapping(path = "/tasks/{taskId}/rows/{caseKey}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Void> saveRow(@PathVariable String taskId, @PathVariable String caseKey,
      @RequestBody Map<String, Object> values) {
    service.saveRow(taskId, caseKey, values);
    return ResponseEntity.noContent().build();
  }

  @PutMapping(path = "/tasks/{taskId}/reviews/{caseKey}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Void> saveReview(@PathVariable String taskId, @PathVariable String caseKey,
      @RequestBody Map<String, Object> values) {
    service.saveReview(taskId, caseKey, values);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/tasks/{taskId}/rows/{caseKey}/files", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> upload(@PathVariable String taskId, @PathVariable String caseKey,
      @RequestParam("file") MultipartFile file) throws IOException {
    return service.upload(taskId, caseKey, file.getOriginalFilename(), file.getBytes());
  }

  @DeleteMapping("/tasks/{taskId}/files/{fileId}")
  public ResponseEntity<Void> delete(@PathVariable String taskId, @PathVariable String fileId) {
    service.deleteFile(taskId, fileId);
    return ResponseEntity.noContent().build();
  }

  /** The evidence of the report row a completion claim under review came with. */
  @GetMapping(path = "/claims/{taskId}/files", produces = MediaType.APPLICATION_JSON_VALUE)
  public java.util.List<Map<String, Object>> claimFiles(@PathVariable String taskId) {
    return service.claimFiles(taskId);
  }

  @GetMapping("/files/{fileId}")
  public ResponseEntity<byte[]> download(@PathVariable String fileId, HttpServletRequest request) {
    ApiUser user = (ApiUser) request.getAttribute(ApiUser.ATTRIBUTE);
    var file = service.readableFile(fileId, user == null ? java.util.List.of() : user.groups());
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, org.ecobureau.oversight.web.Downloads.attachment(file.name()))
        .contentType(MediaType.parseMediaType(file.mimeType()))
        .body(service.content(fileId));
  }

  /** 开启本期报送: opens the period's missing reports now (lead or operator). */
  @PostMapping(path = "/open", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> open(@RequestParam String period, HttpServletRequest request) {
    ApiUser.requireLead(request, "只有市局领导可以开启报送");
    YearMonth month;
    try {
      month = YearMonth.parse(period);
    } catch (DateTimeParseException e) {
      throw new ApiErrors.BadRequestException("报告期「" + period + "」格式应为 YYYY-MM，例如 2026-11");
    }
    return Map.of("period", month.toString(), "opened", service.open(month));
  }
}
