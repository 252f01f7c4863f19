package org.ecobureau.oversight.web;

import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.importing.ImportProblem;
import org.ecobureau.oversight.importing.ImportRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Errors of the application's API as JSON a person can read. */
@RestControllerAdvice
public class ApiErrors {

  /** A refusal: the message, the first problems (at most oversight.upload.max-errors) and how many there are in all. */
  public record ErrorBody(String message, List<ImportProblem> errors, int total) {
    public ErrorBody(String message, List<ImportProblem> errors) {
      this(message, errors, errors.size());
    }
  }

  private final int maxErrors;

  public ApiErrors(OversightProperties properties) {
    this.maxErrors = Math.max(1, properties.upload().maxErrors());
  }

  @ExceptionHandler(ImportRejectedException.class)
  public ResponseEntity<ErrorBody> rejected(ImportRejectedException e) {
    int total = e.problems().size();
    List<ImportProblem> shown = total > maxErrors ? e.problems().subList(0, maxErrors) : e.problems();
    return ResponseEntity.badRequest().body(new ErrorBody("导入失败，共 " + total + " 处错误，未作任何修改"
        + (total > maxErrors ? "（以下列出前 " + maxErrors + " 处）" : ""), shown, total));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException e) {
    return ResponseEntity.badRequest().body(new ErrorBody("导入失败：文件过大，未作任何修改",
        List.of(ImportProblem.ofFile(null, "文件超过上传大小上限"))));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  public ResponseEntity<ErrorBody> missingFile(MissingServletRequestPartException e) {
    return ResponseEntity.badRequest().body(new ErrorBody("缺少上传文件（表单字段 file）", List.of()));
  }

  @ExceptionHandler(ForbiddenException.class)
  public ResponseEntity<Map<String, String>> forbidden(ForbiddenException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Map<String, String>> notFound(IllegalArgumentException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler(BadRequestException.class)
  public ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
  }

  /** Two requests changed the same thing at once (two imports, two bulk dispatches): the loser gets 409. */
  @ExceptionHandler({org.springframework.dao.DataAccessException.class,
      org.camunda.bpm.engine.ProcessEngineException.class})
  public ResponseEntity<Map<String, String>> conflictOrFailure(RuntimeException e) {
    if (org.ecobureau.oversight.common.ConflictTranslator.isConflict(e)) {
      LOG.warn("Conflict answered 409: {}", e.toString(), e);
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message",
          org.ecobureau.oversight.common.ConflictTranslator.MESSAGE));
    }
    return failure(e);
  }

  /** Anything else: a generic message and a reference; SQL, stack and class names go to the log only. */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<Map<String, String>> failure(Exception e) {
    if (e instanceof org.springframework.web.ErrorResponse standard) {   // Spring MVC's own 4xx
      return ResponseEntity.status(standard.getStatusCode()).body(Map.of("message",
          "请求无效（HTTP " + standard.getStatusCode().value() + "）"));
    }
    if (e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
      return ResponseEntity.badRequest().body(Map.of("message", "请求内容无法解析"));
    }
    String ref = java.util.UUID.randomUUID().toString().substring(0, 8);
    LOG.error("Request failed (ref {})", ref, e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("message",
        "服务器内部错误，操作未完成。请稍后重试；如仍失败，请把编号 " + ref + " 告知管理员"));
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

  /** A parameter of the call is wrong; the message names it. */
  public static class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
      super(message);
    }
  }

  /** The caller lacks the role for this call. */
  public static class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
      super(message);
    }
  }
}
