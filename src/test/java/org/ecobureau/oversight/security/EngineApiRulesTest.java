package org.ecobureau.oversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecobureau.oversight.security.EngineApiRules.Action.ALLOW;
import static org.ecobureau.oversight.security.EngineApiRules.Action.CHECK_START_BY_ID;
import static org.ecobureau.oversight.security.EngineApiRules.Action.CHECK_START_BY_KEY;
import static org.ecobureau.oversight.security.EngineApiRules.Action.CHECK_TASK_SUBMISSION;
import static org.ecobureau.oversight.security.EngineApiRules.Action.DENY;
import static org.ecobureau.oversight.security.EngineApiRules.Role.ADMIN;
import static org.ecobureau.oversight.security.EngineApiRules.Role.CITY;
import static org.ecobureau.oversight.security.EngineApiRules.Role.LOCAL;

import org.ecobureau.oversight.security.EngineApiRules.Action;
import org.ecobureau.oversight.security.EngineApiRules.Role;
import org.junit.jupiter.api.Test;

/** Which REST calls each role may make, without Spring or an engine. */
class EngineApiRulesTest {

  static Action engine(Role role, String method, String path) {
    return EngineApiRules.engineCall(role, "anding", method, path).action();
  }

  @Test
  void tasklistUsersReadQueryClaimAndSubmitOnly() {
    assertThat(engine(LOCAL, "GET", "/task")).isEqualTo(ALLOW);
    assertThat(engine(LOCAL, "POST", "/filter/f1/list")).isEqualTo(ALLOW);
    assertThat(engine(LOCAL, "POST", "/task/t1/claim")).isEqualTo(ALLOW);
    assertThat(engine(LOCAL, "POST", "/task/t1/unclaim")).isEqualTo(ALLOW);
    assertThat(engine(LOCAL, "POST", "/task/t1/complete")).isEqualTo(CHECK_TASK_SUBMISSION);
    assertThat(engine(LOCAL, "POST", "/task/t1/submit-form")).isEqualTo(CHECK_TASK_SUBMISSION);
    assertThat(engine(LOCAL, "POST", "/process-definition/key/extension-request/submit-form")).isEqualTo(CHECK_START_BY_KEY);
    assertThat(engine(LOCAL, "POST", "/process-definition/abc:1:2/start")).isEqualTo(CHECK_START_BY_ID);
    assertThat(engine(LOCAL, "GET", "/task/t1/variables/reportEvidence/data")).isEqualTo(ALLOW);
    assertThat(engine(LOCAL, "GET", "/identity/groups")).isEqualTo(ALLOW);
  }

  @Test
  void writesBesideTheFormsAreRefusedForEveryoneButOperators() {
    String[][] refused = {
        {"PUT", "/task/t1/variables/reviewerGroups"}, {"POST", "/task/t1/variables"},
        {"POST", "/task/t1/localVariables"}, {"POST", "/task/t1/resolve"}, {"POST", "/task/t1/delegate"},
        {"POST", "/task/t1/assignee"}, {"PUT", "/task/t1"}, {"POST", "/task/t1/identity-links"},
        {"POST", "/job/j1/execute"}, {"PUT", "/job/j1/retries"}, {"PUT", "/job/j1/duedate"},
        {"PUT", "/job/j1/suspended"}, {"DELETE", "/job/j1"}, {"PUT", "/process-instance/p1/suspended"},
        {"POST", "/process-instance/p1/variables"}, {"PUT", "/process-instance/p1/variables/closure"},
        {"POST", "/process-instance/p1/modification"}, {"DELETE", "/process-instance/p1"},
        {"POST", "/message"}, {"POST", "/signal"}, {"POST", "/identity/verify"}, {"POST", "/user/create"},
        {"PUT", "/user/lead/credentials"}, {"POST", "/deployment/create"}, {"POST", "/history/cleanup"},
        {"POST", "/execution/e1/localVariables"}, {"POST", "/process-instance/delete"}};
    for (String[] call : refused) {
      for (Role role : new Role[] {LOCAL, CITY}) {
        assertThat(engine(role, call[0], call[1])).as("%s %s %s", role, call[0], call[1]).isEqualTo(DENY);
      }
      assertThat(engine(ADMIN, call[0], call[1])).as("admin %s %s", call[0], call[1]).isEqualTo(ALLOW);
    }
    assertThat(engine(LOCAL, "PUT", "/user/anding/credentials")).isEqualTo(ALLOW);
  }

  @Test
  void operatorResourcesAreHiddenFromTasklistUsersAndShownToCityReaders() {
    assertThat(engine(LOCAL, "GET", "/job")).isEqualTo(DENY);
    assertThat(engine(LOCAL, "GET", "/incident")).isEqualTo(DENY);
    assertThat(engine(LOCAL, "GET", "/history/job-log")).isEqualTo(DENY);
    assertThat(engine(CITY, "GET", "/job")).isEqualTo(ALLOW);
    assertThat(engine(CITY, "GET", "/incident")).isEqualTo(ALLOW);
  }

  @Test
  void webappApis() {
    assertThat(EngineApiRules.webappCall("cockpit", "/plugin/base/default/process-definition/statistics", LOCAL, "GET")
        .action()).isEqualTo(DENY);
    assertThat(EngineApiRules.webappCall("cockpit", "/plugin/base/default/process-definition/statistics", CITY, "GET")
        .action()).isEqualTo(ALLOW);
    assertThat(EngineApiRules.webappCall("admin", "/auth/user/default/login/tasklist", null, "POST").action())
        .isEqualTo(ALLOW);
    assertThat(EngineApiRules.webappCall("admin", "/setup/default/user/create", null, "POST").action()).isEqualTo(DENY);
    assertThat(EngineApiRules.webappCall("admin", "/plugin/adminPlugins/default/metrics", CITY, "GET").action())
        .isEqualTo(DENY);
  }
}
