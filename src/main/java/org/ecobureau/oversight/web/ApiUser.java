package org.ecobureau.oversight.web;

import java.util.List;

/** The authenticated caller of an /api request. */
public record ApiUser(String id, List<String> groups) {

  public static final String ATTRIBUTE = ApiUser.class.getName();

  public boolean inAny(String... candidates) {
    for (String c : candidates) {
      if (groups.contains(c)) {
        return true;
      }
    }
    return false;
  }
}
