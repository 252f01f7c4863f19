package org.ecobureau.oversight.web;

import java.util.List;

/** The authenticated caller of an /api request. */
public record ApiUser(String id, List<String> groups) {

  public static final String ATTRIBUTE = ApiUser.class.getName();

  /**
   * The caller of this request if it is a lead or an administrator; otherwise a 403 with
   * {@code refusal} as the message.
   */
  public static ApiUser requireLead(jakarta.servlet.http.HttpServletRequest request, String refusal) {
    ApiUser user = (ApiUser) request.getAttribute(ATTRIBUTE);
    if (user == null || !user.inAny(org.ecobureau.oversight.identity.OrgDirectory.LEAD_GROUP,
        org.ecobureau.oversight.identity.OrgDirectory.ADMIN_GROUP)) {
      throw new ApiErrors.ForbiddenException(refusal);
    }
    return user;
  }

  public boolean inAny(String... candidates) {
    for (String c : candidates) {
      if (groups.contains(c)) {
        return true;
      }
    }
    return false;
  }
}
