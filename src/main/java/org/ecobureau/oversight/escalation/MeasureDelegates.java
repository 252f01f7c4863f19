package org.ecobureau.oversight.escalation;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.escalation.SupervisionMeasureProcess.Vars;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The steps of {@code supervision-measure.bpmn}. */
public final class MeasureDelegates {

  private MeasureDelegates() {}

  static String actor() {
    return CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id();
  }

  /** The lead's decision: one of the five measures, recorded on the case with its note. */
  @Component("measureDecisionGuard")
  public static class DecisionGuard implements TaskListener {
    private final CaseRepository cases;
    private final Clock clock;
    private final org.ecobureau.oversight.calendar.Schedule schedule;

    public DecisionGuard(CaseRepository cases, Clock clock, org.ecobureau.oversight.calendar.Schedule schedule) {
      this.cases = cases;
      this.clock = clock;
      this.schedule = schedule;
    }

    @Override
    public void notify(DelegateTask task) {
      String measure = Vars.MEASURE.require(task, "督办措施");
      if (!SupervisionMeasureProcess.MEASURES.contains(measure)) {
        throw new FieldValidationException(Vars.MEASURE.name(), "督办措施",
            "应为 summons（约谈）、inquiry（函询）、bulletin（通报）、listing（挂牌督办）或 referral（移交问责）");
      }
      String note = Vars.MEASURE_NOTE.text(task, "督办要求", 1000);
      if (SupervisionMeasureProcess.INQUIRY.equals(measure)) {
        SummonsProcess.Vars.WRITTEN_REPORT_DUE.set(task, schedule.due("letterReply"));
      }
      if (SupervisionMeasureProcess.REFERRAL.equals(measure)) {
        String to = Vars.REFERRAL_TO.text(task, "移交机关", 100);
        Vars.REFERRAL_TO.set(task, to == null || to.isBlank() ? "市纪委监委" : to.strip());
      }
      String key = task.getExecution().getProcessBusinessKey();
      cases.find(key).ifPresent(c -> cases.recordEvent(key, c.level(), c.level(), c.dueDate(),
          "督办措施：" + SupervisionMeasureProcess.label(measure) + (note == null || note.isBlank() ? "" : "（" + note.strip() + "）"),
          actor(), clock.instant()));
    }
  }

  /** 约谈: the summons process, as the ladder used to open it. */
  @Component("measureOpensSummons")
  public static class OpensSummons implements JavaDelegate {
    private final RuntimeService runtimeService;

    public OpensSummons(@Lazy RuntimeService runtimeService) {
      this.runtimeService = runtimeService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Map<String, Object> vars = new HashMap<>();
      for (String name : List.of(SummonsProcess.Vars.ITEM_KEY.name(), SummonsProcess.Vars.TRIGGER.name(),
          SummonsProcess.Vars.REASON.name(), "taskCode", "taskTitle", "countyName", "countyGroup", "reviewerGroups")) {
        vars.put(name, execution.getVariable(name));
      }
      Context.getCommandContext().runWithoutAuthorization(() ->
          runtimeService.startProcessInstanceByKey(SummonsProcess.KEY, execution.getProcessBusinessKey(), vars));
    }
  }

  /** 函询: the county's written answer. */
  @Component("inquiryAnswerGuard")
  public static class InquiryAnswerGuard implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      String text = Vars.INQUIRY_ANSWER.requireText(task, "函询回复", 4000);
      if (text.strip().length() < 20) {
        throw new FieldValidationException(Vars.INQUIRY_ANSWER.name(), "函询回复", "至少 20 个字，收到 "
            + text.strip().length() + " 个字");
      }
      Vars.INQUIRY_ANSWERED_BY.requireText(task, "回复人", 100);
    }
  }

  /** 通报: the county (and the leads) are told; the case is in the month's bulletin by its red card. */
  @Component("measureBulletin")
  public static class Bulletin implements JavaDelegate {
    private final CaseRepository cases;
    private final EscalationNotices notices;

    public Bulletin(CaseRepository cases, EscalationNotices notices) {
      this.cases = cases;
      this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Map<String, Object> values = new HashMap<>();
      values.put("reason", execution.getVariable(SummonsProcess.Vars.REASON.name()));
      values.put("note", Vars.MEASURE_NOTE.get(execution));
      cases.find(execution.getProcessBusinessKey()).ifPresent(c -> notices.send(c, "measure-bulletin",
          List.of(c.countyGroup(), OrgDirectory.LEAD_GROUP, OrgDirectory.SUPERVISOR_GROUP), values,
          c.businessKey() + "|bulletin|" + execution.getProcessInstanceId()));
    }
  }

  /** 挂牌督办: the listing process (weekly reports until a lead lifts it). */
  @Component("measureOpensListing")
  public static class OpensListing implements JavaDelegate {
    private final RuntimeService runtimeService;

    public OpensListing(@Lazy RuntimeService runtimeService) {
      this.runtimeService = runtimeService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String note = Vars.MEASURE_NOTE.get(execution);
      var vars = Variables.createVariables()
          .putValue(ListedSupervisionProcess.Vars.ITEM_KEY.name(), execution.getProcessBusinessKey())
          .putValue(ListedSupervisionProcess.Vars.LISTING_REASON.name(), note == null || note.isBlank()
              ? String.valueOf(execution.getVariable(SummonsProcess.Vars.REASON.name())) : note);
      Context.getCommandContext().runWithoutAuthorization(() ->
          runtimeService.startProcessInstanceByKey(ListedSupervisionProcess.KEY, execution.getProcessBusinessKey(), vars));
    }
  }

  /** The measure is taken: a red card given by hand or for a rebound is withdrawn (a summons withdraws its own). */
  @Component("measureClosure")
  public static class Closure implements ExecutionListener {
    private final EscalationLadder ladder;

    public Closure(EscalationLadder ladder) {
      this.ladder = ladder;
    }

    @Override
    public void notify(DelegateExecution execution) {
      String measure = Vars.MEASURE.get(execution);
      if (!SupervisionMeasureProcess.SUMMONS.equals(measure)
          && !SummonsProcess.TRIGGER_LADDER.equals(execution.getVariable(SummonsProcess.Vars.TRIGGER.name()))) {
        ladder.unflag(execution.getProcessBusinessKey(),
            "督办措施（" + SupervisionMeasureProcess.label(measure) + "）已落实，撤销红牌", actor());
      }
    }
  }
}
