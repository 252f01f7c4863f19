package org.ecobureau.oversight.escalation;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.Var;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * For the start forms of the supervision processes: the case a form names (its business key),
 * which must be open; the new instance takes that business key and the case's names and groups.
 */
@Component
public class CaseLookup {

  private final CaseRepository cases;

  public CaseLookup(CaseRepository cases) {
    this.cases = cases;
  }

  public SupervisionCase openCase(DelegateExecution execution, Var<String> itemKey) {
    String key = itemKey.require(execution, "事项编号").strip();
    SupervisionCase c = cases.find(key).filter(SupervisionCase::active).orElseThrow(() ->
        new FieldValidationException(itemKey.name(), "事项编号", "「" + key + "」不是正在办理的任务或整改问题"));
    itemKey.set(execution, key);
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(key);
    }
    SummonsProcess.variables(c, null, null).forEach((name, value) -> {
      if (value != null && !execution.hasVariable(name)) {
        execution.setVariable(name, value);
      }
    });
    return c;
  }

  /** The groups of the user starting the process, or empty for the system. */
  public static List<String> callerGroups() {
    var ctx = Context.getCommandContext();
    Authentication auth = ctx == null ? null : ctx.getAuthentication();
    return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
  }

  public static boolean callerIsCountyOnly(SupervisionCase c) {
    List<String> groups = callerGroups();
    return !groups.isEmpty() && !groups.contains(OrgDirectory.LEAD_GROUP) && !groups.contains(OrgDirectory.ADMIN_GROUP);
  }
}
