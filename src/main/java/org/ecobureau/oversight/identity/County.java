package org.ecobureau.oversight.identity;

/** A county or district of the city. Its staff form the Camunda group {@code county-<code>}. */
public record County(String code, String name, String shortName) {

  public String groupId() {
    return OrgDirectory.COUNTY_GROUP_PREFIX + code;
  }
}
