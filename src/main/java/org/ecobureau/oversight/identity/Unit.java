package org.ecobureau.oversight.identity;

import java.util.List;

/** A city department (lead or cooperating unit). Its reviewers form the group {@code dept-<code>}. */
public record Unit(String code, String name, List<String> aliases) {

  public String groupId() {
    return OrgDirectory.UNIT_GROUP_PREFIX + code;
  }
}
