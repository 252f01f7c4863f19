package org.ecobureau.oversight.identity;

import java.util.ArrayList;
import java.util.List;
import org.ecobureau.oversight.OversightProperties;
import org.springframework.stereotype.Component;

/**
 * Demo users for every group (profile {@code demo}). Without that profile no default password
 * exists; see {@link AdminBootstrap}.
 */
@Component
public class DemoUsers {

  public static final String DOMAIN = "@demo.oversight.local";

  public record DemoUser(String id, String name, String group) {}

  private final OrgDirectory org;
  private final UserAccounts accounts;
  private final OversightProperties properties;

  public DemoUsers(OrgDirectory org, UserAccounts accounts, OversightProperties properties) {
    this.org = org;
    this.accounts = accounts;
    this.properties = properties;
  }

  public List<DemoUser> users() {
    List<DemoUser> list = new ArrayList<>();
    list.add(new DemoUser("admin", "系统管理员", OrgDirectory.ADMIN_GROUP));
    list.add(new DemoUser("lead", "市局领导", OrgDirectory.LEAD_GROUP));
    list.add(new DemoUser("supervisor", "督查员", OrgDirectory.SUPERVISOR_GROUP));
    org.counties().forEach(c -> list.add(new DemoUser(c.code(), c.name() + "联络员", c.groupId())));
    org.units().forEach(u -> list.add(new DemoUser(u.code(), u.name() + "审核员", u.groupId())));
    return list;
  }

  public void create() {
    String password = properties.demo().password();
    for (DemoUser u : users()) {
      // Chinese names are not split into first and last name: Tasklist shows "first last".
      accounts.ensure(u.id(), u.name(), "", u.id() + DOMAIN, password, u.group());
    }
  }
}
