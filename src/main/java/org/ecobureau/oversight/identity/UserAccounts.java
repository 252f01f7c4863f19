package org.ecobureau.oversight.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Creates users idempotently (an existing user keeps its password). */
@Component
public class UserAccounts {

  private final IdentityService identityService;

  public UserAccounts(IdentityService identityService) {
    this.identityService = identityService;
  }

  public void ensure(String id, String firstName, String lastName, String email, String password,
      String... groups) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User u = identityService.newUser(id);
      u.setFirstName(firstName);
      u.setLastName(lastName);
      u.setEmail(email);
      u.setPassword(password);
      identityService.saveUser(u);
    }
    for (String g : groups) {
      if (identityService.createUserQuery().userId(id).memberOfGroup(g).count() == 0) {
        identityService.createMembership(id, g);
      }
    }
  }
}
