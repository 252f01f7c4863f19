package org.ecobureau.oversight.assignment;

import org.ecobureau.oversight.identity.ProcessAccess;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.ecobureau.oversight.common.Var;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Contract of {@code bpmn/key-task.bpmn}: one instance per catalogue task, business key
 * {@code KT-<code>}. A lead dispatches it to counties; one county assignment runs per county;
 * the lead closes it once every assignment is signed off.
 *
 * <p>As a bean ({@code keyTask}) it gives the diagram the list of counties to assign.
 */
@Component("keyTask")
public class KeyTaskProcess {

  public static final String KEY = "key-task";

  /** Who may read and start it (applied by identity setup). */
  public static final ProcessAccess ACCESS = ProcessAccess.cityOnly(KEY);
  public static final String BUSINESS_KEY_PREFIX = "KT-";

  /** Element ids of the diagram. */
  public enum Element {
    keyTaskStarted, dispatchKeyTask, runCountyAssignments, closeKeyTask, keyTaskClosed;
  }

  /** Typed variables of the process. */
  public static final class Vars {
    public static final Var<String> TASK_CODE = Var.of("taskCode", String.class);
    public static final Var<String> TASK_TITLE = Var.of("taskTitle", String.class);
    public static final Var<String> TASK_CONTENT = Var.of("taskContent", String.class);
    public static final Var<String> SOURCE_TEXT = Var.of("sourceText", String.class);
    public static final Var<String> SECTION = Var.of("section", String.class);
    /** Lead unit codes, comma separated. */
    public static final Var<String> LEAD_UNITS = Var.of("leadUnits", String.class);
    public static final Var<String> LEAD_UNIT_NAMES = Var.of("leadUnitNames", String.class);
    /** Counties proposed by the catalogue, comma-separated codes. */
    public static final Var<String> PROPOSED_COUNTIES = Var.of("proposedCounties", String.class);
    /** Counties confirmed by the lead at dispatch, comma-separated codes. */
    public static final Var<String> ASSIGNED_COUNTIES = Var.of("assignedCounties", String.class);
    public static final Var<String> ASSIGNED_COUNTY_NAMES = Var.of("assignedCountyNames", String.class, "责任县区");
    /** City units (承办部门) proposed by the catalogue to carry the task themselves, comma-separated codes. */
    public static final Var<String> PROPOSED_UNITS = Var.of("proposedUnits", String.class);
    /** City units that carry the task themselves, comma-separated codes (as the catalogue has them). */
    public static final Var<String> ASSIGNED_UNITS = Var.of("assignedUnits", String.class);
    public static final Var<String> ASSIGNED_UNIT_NAMES = Var.of("assignedUnitNames", String.class, "承办部门");
    /** Cooperating units (配合单位), comma-separated codes: they read the assignments and get the mails. */
    public static final Var<String> COOP_UNITS = Var.of("coopUnits", String.class);
    /** "code:name" pairs of every county, for the dispatch form's check boxes. */
    public static final Var<String> COUNTY_OPTIONS = Var.of("countyOptions", String.class);
    /** Null for a standing task (长期坚持). */
    public static final Var<Date> DEADLINE = Var.of("deadline", Date.class, "完成时限");
    public static final Var<Boolean> STANDING = Var.of("standing", Boolean.class);
    public static final Var<String> TARGET = Var.of("target", String.class);
    public static final Var<String> CADENCE = Var.of("cadence", String.class);
    /** The target split per county at dispatch (分解指标), "anding=30;tongwei=20"; empty when not split. */
    public static final Var<String> COUNTY_TARGETS = Var.of("countyTargets", String.class, "分解指标");
    /** One assignment's share of the target (set by the dispatch on each assignment). */
    public static final Var<String> PARTY_TARGET = Var.of("partyTarget", String.class, "分解指标");
    public static final Var<String> DISPATCH_NOTE = Var.of("dispatchNote", String.class, "交办说明");
    public static final Var<String> CLOSING_COMMENT = Var.of("closingComment", String.class);

    private Vars() {}
  }

  public static String businessKey(String taskCode) {
    return BUSINESS_KEY_PREFIX + taskCode;
  }

  /** The share of the target the lead gave this party at dispatch, or null. */
  public String targetOf(DelegateExecution execution, String party) {
    return splitTargets(Vars.COUNTY_TARGETS.get(execution)).get(party);
  }

  /** "anding=30;tongwei=20" as a map, in order. */
  public static java.util.Map<String, String> splitTargets(String text) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && !part.substring(eq + 1).isBlank()) {
        out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    return out;
  }

  /**
   * The multi-instance collection: the parties that carry the task, the counties the lead
   * confirmed and the city departments that carry it themselves (承办部门). Each gets one assignment.
   */
  public List<String> assignedParties(DelegateExecution execution) {
    List<String> parties = new java.util.ArrayList<>(OrgDirectory.splitList(Vars.ASSIGNED_COUNTIES.get(execution)));
    OrgDirectory.splitList(Vars.ASSIGNED_UNITS.get(execution)).stream().filter(u -> !parties.contains(u))
        .forEach(parties::add);
    return parties;
  }
}
