package org.ecobureau.oversight.supervision;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/supervision/startable-items?process=extension-request}: the choice list of the
 * start forms 申请延期, 挂牌督办, 红牌约谈 and 登记公示异议 (see {@link StartableItems}).
 */
@RestController
@RequestMapping("/api/supervision")
public class StartableItemsController {

  private final StartableItems items;

  public StartableItemsController(StartableItems items) {
    this.items = items;
  }

  @GetMapping(path = "/startable-items", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<StartableItems.Choice> startable(HttpServletRequest request, @RequestParam String process) {
    return items.choices((ApiUser) request.getAttribute(ApiUser.ATTRIBUTE), process);
  }
}
