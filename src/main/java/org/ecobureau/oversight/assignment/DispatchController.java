package org.ecobureau.oversight.assignment;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dispatch of catalogue tasks into the workflow (lead only): one, or every task not yet started;
 * and which tasks are dispatched, to whom.
 */
@RestController
@RequestMapping("/api/catalogue")
public class DispatchController {

  private static final String LEAD_ONLY = "只有市局领导（lead）或管理员可以导入和交办重点任务";

  private final KeyTaskStarter starter;
  private final DispatchStatus status;
  private final BulkDispatch bulk;

  public DispatchController(KeyTaskStarter starter, DispatchStatus status, BulkDispatch bulk) {
    this.starter = starter;
    this.status = status;
    this.bulk = bulk;
  }

  /** 批量交办, the preview for the confirmation: the open 交办 tasks of a chapter (or all) and their proposed parties. */
  @GetMapping(path = "/bulk-dispatch", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
  public List<BulkDispatch.Planned> bulkPreview(HttpServletRequest request,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String chapter) {
    ApiUser.requireLead(request, LEAD_ONLY);
    return bulk.preview(chapter);
  }

  /** 批量交办: completes those tasks as proposed, each on its own; refusals are named. */
  @PostMapping(path = "/bulk-dispatch", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
  public BulkDispatch.Result bulkDispatch(HttpServletRequest request,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String chapter) {
    ApiUser.requireLead(request, LEAD_ONLY);
    return bulk.dispatch(chapter);
  }

  /**
   * Whether each catalogue task is dispatched (已交办: the lead completed 交办重点任务) and to whom,
   * keyed by task code; a task missing from the map is 待交办. For any logged-in user of the API,
   * like the catalogue itself.
   */
  @GetMapping(path = "/dispatch-status", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
  public Map<String, DispatchStatus.Dispatched> dispatchStatus() {
    return status.dispatched();
  }

  /** Starts a key-task instance for every catalogue task that has none yet. */
  @PostMapping("/dispatch")
  public Map<String, Object> dispatchAll(HttpServletRequest request) {
    ApiUser.requireLead(request, LEAD_ONLY);
    List<String> started = starter.startAll();
    return Map.of("started", started.size(), "codes", started);
  }

  @PostMapping("/{code}/dispatch")
  public Map<String, Object> dispatch(@PathVariable String code, HttpServletRequest request) {
    ApiUser.requireLead(request, LEAD_ONLY);
    var instance = starter.start(code);
    return Map.of("code", code, "started", instance.isPresent(),
        "processInstanceId", instance.map(p -> p.getId()).orElse(""));
  }
}
