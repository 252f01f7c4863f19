package org.ecobureau.oversight.escalation;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.calendar.Schedule;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.escalation.SummonsProcess.Vars;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/** The small delegates of {@code bpmn/summons.bpmn}. */
public final class SummonsDelegates {

  private SummonsDelegates() {}

  /**
   * Start: from the ladder the case is given; from a lead's start form (province or media
   * criticism) the named case must be open, and starting is itself the red card.
   */
  @Component("summonsStartGuard")
  public static class StartGuard implements ExecutionListener {
    private final CaseLookup lookup;
    private final EscalationLadder ladder;
    private final Schedule schedule;
    private final TextTemplates texts;

    public StartGuard(CaseLookup lookup, EscalationLadder ladder, Schedule schedule, TextTemplates texts) {
      this.texts = texts;
      this.lookup = lookup;
      this.ladder = ladder;
      this.schedule = schedule;
    }

    @Override
    public void notify(DelegateExecution execution) {
      boolean manual = Vars.TRIGGER.get(execution) == null;
      if (manual) {
        String source = Vars.FLAG_SOURCE.require(execution, "通报来源");
        String reason = Vars.REASON.require(execution, "通报情况");
        SupervisionCase c = lookup.openCase(execution, Vars.ITEM_KEY);
        Vars.TRIGGER.set(execution, SummonsProcess.TRIGGER_MANUAL);
        ladder.flag(c.businessKey(), texts.text("reason/criticised", "source", source, "reason", reason),
            CurrentUser.id(), null);
      }
      Vars.WRITTEN_REPORT_DUE.set(execution, schedule.due("writtenReport"));
    }
  }

  /** The lead's record of the summons: when, where, who held it and with whom, in what form, what was said, the minutes. */
  @Component("summonsRecordGuard")
  public static class RecordGuard implements TaskListener {
    static final java.util.Set<String> FORMS = java.util.Set.of("面对面约谈", "视频约谈", "集体约谈");
    private final org.ecobureau.oversight.evidence.EvidencePolicy evidence;

    public RecordGuard(org.ecobureau.oversight.evidence.EvidencePolicy evidence) {
      this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
      Vars.SUMMONS_AT.require(task, "约谈时间");
      Vars.SUMMONS_PLACE.require(task, "约谈地点");
      Vars.SUMMONS_ATTENDEES.require(task, "约谈对象");
      Vars.SUMMONS_HELD_BY.requireText(task, "约谈人", 100);
      String form = Vars.SUMMONS_FORM.require(task, "约谈形式");
      if (!FORMS.contains(form)) {
        throw new FieldValidationException(Vars.SUMMONS_FORM.name(), "约谈形式", "应为 面对面约谈、视频约谈 或 集体约谈");
      }
      Vars.SUMMONS_RECORD.require(task, "约谈记录");
      evidence.check(task, Vars.SUMMONS_MINUTES.name(), "约谈纪要");
    }
  }

  /** The county's written report (书面说明) with its undertaking (整改承诺). */
  @Component("writtenReportGuard")
  public static class WrittenReportGuard implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      String text = Vars.WRITTEN_REPORT.require(task, "书面说明");
      if (text.strip().length() < 20) {
        throw new FieldValidationException(Vars.WRITTEN_REPORT.name(), "书面说明", "至少 20 个字，收到 "
            + text.strip().length() + " 个字");
      }
      Vars.RECTIFICATION_PLEDGE.requireText(task, "整改承诺", 2000);
      Vars.WRITTEN_REPORT_BY.require(task, "报送人");
    }
  }

  /** The written report's own timer ran out: 催办 to the county and the leads, once. */
  @Component("writtenReportReminder")
  public static class WrittenReportReminder implements JavaDelegate {
    private final CaseRepository cases;
    private final EscalationNotices notices;

    public WrittenReportReminder(CaseRepository cases, EscalationNotices notices) {
      this.cases = cases;
      this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
      cases.find(execution.getProcessBusinessKey()).ifPresent(c -> notices.send(c, "written-report-overdue",
          List.of(c.countyGroup(), OrgDirectory.LEAD_GROUP),
          Map.of("due", org.ecobureau.oversight.calendar.WorkingDayCalendar.day(Vars.WRITTEN_REPORT_DUE.get(execution))),
          c.businessKey() + "|written-report-overdue|" + execution.getProcessInstanceId()));
    }
  }

  /** Summons recorded and written report in: a red card given by hand or for a rebound is withdrawn. */
  @Component("summonsClosure")
  public static class Closure implements ExecutionListener {
    private final EscalationLadder ladder;
    private final TextTemplates texts;

    public Closure(EscalationLadder ladder, TextTemplates texts) {
      this.ladder = ladder;
      this.texts = texts;
    }

    @Override
    public void notify(DelegateExecution execution) {
      if (!SummonsProcess.TRIGGER_LADDER.equals(Vars.TRIGGER.get(execution))) {
        ladder.unflag(execution.getProcessBusinessKey(), texts.text("reason/summons-done"),
            CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id());
      }
    }
  }
}
