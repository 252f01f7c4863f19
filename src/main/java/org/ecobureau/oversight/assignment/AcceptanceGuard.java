package org.ecobureau.oversight.assignment;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars;
import org.ecobureau.oversight.common.FieldValidationException;
import org.springframework.stereotype.Component;

/**
 * 签收: the county accepts, naming the responsible person and a phone number to reach them, or
 * answers 不涉及 with a reason (the lead unit then confirms or rejects it).
 */
@Component("acceptanceGuard")
public class AcceptanceGuard implements TaskListener {

  /** Mobile (11 digits) or landline with area code, e.g. 0932-8212345. */
  static final Pattern PHONE = Pattern.compile("1\\d{10}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?");

  @Override
  public void notify(DelegateTask task) {
    String answer = Vars.ACCEPTANCE_ANSWER.get(task);
    if (answer == null || answer.isBlank()) {
      answer = CountyAssignmentProcess.ANSWER_ACCEPT;
    }
    if (!CountyAssignmentProcess.ANSWER_ACCEPT.equals(answer) && !CountyAssignmentProcess.ANSWER_NOT_CONCERNED.equals(answer)) {
      throw new FieldValidationException(Vars.ACCEPTANCE_ANSWER.name(), "签收答复", "应为 accept（签收）或 notConcerned（不涉及）");
    }
    Vars.ACCEPTANCE_ANSWER.set(task, answer);
    if (CountyAssignmentProcess.ANSWER_NOT_CONCERNED.equals(answer)) {
      Vars.NOT_CONCERNED_REASON.set(task, Vars.NOT_CONCERNED_REASON.requireText(task, "不涉及理由", 1000).strip());
      return;
    }
    String person = Vars.RESPONSIBLE_PERSON.requireText(task, "责任人", 50).strip();
    if (person.length() > 50) {
      throw new FieldValidationException(Vars.RESPONSIBLE_PERSON.name(), "责任人", "不能超过50个字");
    }
    String phone = Vars.RESPONSIBLE_PHONE.requireText(task, "联系电话", 30).strip();
    if (!PHONE.matcher(phone).matches()) {
      throw new FieldValidationException(Vars.RESPONSIBLE_PHONE.name(), "联系电话",
          "应为11位手机号或带区号的固定电话（如 0932-8212345），收到「" + phone + "」");
    }
    Vars.RESPONSIBLE_PERSON.set(task, person);
    Vars.RESPONSIBLE_PHONE.set(task, phone);
  }
}
