package org.ecobureau.oversight.assignment;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Dispatch of catalogue tasks into the workflow (lead only): one, or every task not yet started. */
@RestController
@RequestMapping("/api/catalogue")
public class DispatchController {

  private static final String LEAD_ONLY = "只有市局领导（lead）或管理员可以导入和交办重点任务";

  private final KeyTaskStarter starter;

  public DispatchController(KeyTaskStarter starter) {
    this.starter = starter;
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
