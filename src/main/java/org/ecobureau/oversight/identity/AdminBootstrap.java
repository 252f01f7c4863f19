package org.ecobureau.oversight.identity;

import org.ecobureau.oversight.OversightProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first administrator of a real installation, from OVERSIGHT_ADMIN_USER and
 * OVERSIGHT_ADMIN_PASSWORD. Nothing is created when they are unset.
 */
@Component
public class AdminBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserAccounts accounts;
  private final OversightProperties properties;
  private final org.camunda.bpm.engine.IdentityService identityService;

  public AdminBootstrap(UserAccounts accounts, OversightProperties properties,
      org.camunda.bpm.engine.IdentityService identityService) {
    this.accounts = accounts;
    this.properties = properties;
    this.identityService = identityService;
  }

  /**
   * Refuses to go on without an administrator: Camunda's Admin would otherwise offer the first
   * visitor to create one, and nobody could manage users. Runs after the configured and the
   * demo accounts are in place.
   */
  public void requirePresent() {
    if (identityService.createUserQuery().memberOfGroup(OrgDirectory.ADMIN_GROUP).count() == 0) {
      throw new IllegalStateException("No administrator exists: set OVERSIGHT_ADMIN_USER and "
          + "OVERSIGHT_ADMIN_PASSWORD (at least 8 characters) for the first start, or run the demo profile "
          + "(mvn spring-boot:run). See README, section Installation.");
    }
  }

  public void apply() {
    String user = properties.admin().user();
    String password = properties.admin().password();
    if (user == null || user.isBlank()) {
      return;
    }
    if (password == null || password.length() < 8) {
      throw new IllegalStateException(
          "OVERSIGHT_ADMIN_PASSWORD must be set (at least 8 characters) together with OVERSIGHT_ADMIN_USER");
    }
    accounts.ensure(user, "系统", "管理员", null, password, OrgDirectory.ADMIN_GROUP);
    LOG.info("Administrator '{}' ensured", user);
  }
}
