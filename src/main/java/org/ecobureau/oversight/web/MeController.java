package org.ecobureau.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the caller of the API is, as the application's pages show it (the
 * catalogue page, the Cockpit plugin), recognised exactly as every other /api call recognises
 * them (HTTP Basic, or the Camunda webapp session with X-Requested-With). {@code home} is the
 * page a user of the supervision office or a lead starts on in Cockpit: the 督办看板.
 */
@RestController
public class MeController {

  /** The Cockpit route of the supervision board, for those who start there. */
  public static final String BOARD_HOME = "supervision-board";

  /**
   * @param roles what the user's groups make them, in Chinese (市局领导, 督查室, 安定区, 市生态环境局 …)
   * @param home  the Cockpit route to open on landing, or null for Cockpit's own dashboard
   */
  public record Me(String id, String name, List<String> groups, List<String> roles, boolean cityWide, String home) {}

  private final IdentityService identityService;
  private final OrgDirectory org;

  public MeController(IdentityService identityService, OrgDirectory org) {
    this.identityService = identityService;
    this.org = org;
  }

  @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
  public Me me(HttpServletRequest request) {
    ApiUser user = (ApiUser) request.getAttribute(ApiUser.ATTRIBUTE);
    if (user == null) {
      throw new ApiErrors.ForbiddenException("需要登录");
    }
    List<String> roles = new ArrayList<>();
    for (String g : user.groups()) {
      switch (g) {
        case OrgDirectory.LEAD_GROUP -> roles.add("市局领导");
        case OrgDirectory.SUPERVISOR_GROUP -> roles.add("督查室");
        case OrgDirectory.ADMIN_GROUP -> roles.add("系统管理员");
        default -> {
          org.counties().stream().filter(c -> c.groupId().equals(g)).findFirst().ifPresent(c -> roles.add(c.name()));
          org.units().stream().filter(u -> u.groupId().equals(g)).findFirst().ifPresent(u -> roles.add(u.name()));
        }
      }
    }
    boolean cityWide = user.inAny(OrgDirectory.LEAD_GROUP, OrgDirectory.SUPERVISOR_GROUP, OrgDirectory.ADMIN_GROUP);
    String home = user.inAny(OrgDirectory.SUPERVISOR_GROUP, OrgDirectory.LEAD_GROUP) ? BOARD_HOME : null;
    return new Me(user.id(), displayName(user.id()), user.groups(), roles, cityWide, home);
  }

  /** First and last name as Admin keeps them; read without the caller's authorizations. */
  private String displayName(String userId) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      User u = identityService.createUserQuery().userId(userId).singleResult();
      if (u == null) {
        return userId;
      }
      String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
          + (u.getLastName() == null ? "" : u.getLastName())).trim();
      return name.isEmpty() ? userId : name;
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
