package org.ecobureau.oversight.notification;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.web.PublicAddress;
import org.springframework.stereotype.Component;

/**
 * The mails of the key-task and rectification lifecycles. Their texts are templates
 * ({@code templates/mail/<name>.subject.mustache} and {@code .body.mustache}, see {@link TextTemplates});
 * this class gives them their values.
 */
@Component
public class NoticeTemplates {

  public static final String ASSIGNMENT_DISPATCHED = "assignmentDispatched";
  public static final String ASSIGNMENT_REOPENED = "assignmentReopened";
  public static final String LOOK_BACK_DUE = "lookBackDue";

  public record Mail(String subject, String body) {}

  private final PublicAddress address;
  private final TextTemplates texts;

  public NoticeTemplates(PublicAddress address, TextTemplates texts) {
    this.address = address;
    this.texts = texts;
  }

  public String tasklistLink() {
    return address.baseUrl() + "/camunda/app/tasklist/default/";
  }

  public String taskLink(String taskId) {
    return address.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** The mail {@code templates/mail/<name>.subject|body.mustache} with this model. */
  public Mail mail(String name, Map<String, ?> model) {
    return new Mail(texts.render("mail/" + name + ".subject", model), texts.render("mail/" + name + ".body", model));
  }

  /** The reopening mail of an assignment or item whose work resumes at a wait state (no task to link). */
  public Mail reopened(org.camunda.bpm.engine.delegate.DelegateExecution execution, String reason) {
    Map<String, Object> model = new HashMap<>();
    model.put("code", KeyTaskProcess.Vars.TASK_CODE.get(execution));
    model.put("title", KeyTaskProcess.Vars.TASK_TITLE.get(execution));
    model.put("rectification", execution.getProcessBusinessKey().startsWith("RI-"));
    model.put("county", Vars.COUNTY_NAME.get(execution));
    model.put("reason", reason);
    model.put("link", tasklistLink());
    return mail("assignment-reopened", model);
  }

  public Mail render(String template, DelegateTask task, String reason) {
    Map<String, Object> model = new HashMap<>();
    model.put("code", KeyTaskProcess.Vars.TASK_CODE.get(task));
    model.put("title", KeyTaskProcess.Vars.TASK_TITLE.get(task));
    model.put("rectification", task.getExecution().getProcessBusinessKey().startsWith("RI-"));
    model.put("county", Vars.COUNTY_NAME.get(task));
    model.put("due", task.getDueDate() == null ? "—" : task.getDueDate());
    model.put("deadline", KeyTaskProcess.Vars.DEADLINE.get(task));
    model.put("leadUnits", KeyTaskProcess.Vars.LEAD_UNIT_NAMES.get(task));
    model.put("reason", reason);
    model.put("dispatchNote", task.getVariable(KeyTaskProcess.Vars.DISPATCH_NOTE.name()));
    model.put("lookBackRound", task.getVariable("lookBackRound"));
    model.put("link", taskLink(task.getId()));
    return mail(switch (template) {
      case ASSIGNMENT_DISPATCHED -> "assignment-dispatched";
      case ASSIGNMENT_REOPENED -> "assignment-reopened";
      case LOOK_BACK_DUE -> "look-back-due";
      default -> throw new IllegalArgumentException("Unknown notice template " + template);
    }, model);
  }
}
