package org.ecobureau.oversight.rectification;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 交办: starts the ledger's rectification items (lead only); idempotent. */
@RestController
@RequestMapping("/api/rectification")
public class RectificationDispatchController {

  private final RectificationItemStarter starter;

  public RectificationDispatchController(RectificationItemStarter starter) {
    this.starter = starter;
  }

  @PostMapping("/dispatch")
  public Map<String, Object> dispatchAll(HttpServletRequest request) {
    ApiUser.requireLead(request, "只有市整改办（lead）或管理员可以交办整改问题");
    List<String> started = starter.startAll();
    return Map.of("started", started.size(), "businessKeys", started);
  }

  @PostMapping("/{businessKey}/dispatch")
  public Map<String, Object> dispatch(@PathVariable String businessKey, HttpServletRequest request) {
    ApiUser.requireLead(request, "只有市整改办（lead）或管理员可以交办整改问题");
    var instance = starter.start(businessKey);
    return Map.of("businessKey", businessKey, "started", instance.isPresent(),
        "processInstanceId", instance.map(p -> p.getId()).orElse(""));
  }

}
