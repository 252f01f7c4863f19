package org.ecobureau.oversight.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess.Vars;
import org.springframework.stereotype.Component;

/** The small delegates of {@code bpmn/listed-supervision.bpmn}. */
public final class ListingDelegates {

  private ListingDelegates() {}

  /** A lead lists an open case that is not listed already. */
  @Component("listingGuard")
  public static class StartGuard implements ExecutionListener {
    private final CaseLookup lookup;
    private final EscalationLadder ladder;
    private final TextTemplates texts;

    public StartGuard(CaseLookup lookup, EscalationLadder ladder, TextTemplates texts) {
      this.lookup = lookup;
      this.ladder = ladder;
      this.texts = texts;
    }

    @Override
    public void notify(DelegateExecution execution) {
      String reason = Vars.LISTING_REASON.require(execution, "挂牌事由");
      SupervisionCase c = lookup.openCase(execution, Vars.ITEM_KEY);
      if (c.listed()) {
        throw new FieldValidationException(Vars.ITEM_KEY.name(), "事项编号", "「" + c.businessKey() + "」已在挂牌督办中");
      }
      Vars.WEEK.set(execution, 1);
      ladder.list(c.businessKey(), texts.text("reason/listing", "reason", reason), CurrentUser.id());
    }
  }

  /** One weekly report. */
  @Component("weeklyReportGuard")
  public static class WeeklyReportGuard implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      Vars.WEEKLY_PROGRESS.require(task, "本周进展");
      Integer week = Vars.WEEK.get(task);
      task.getExecution().setVariable(Vars.WEEK.name(), (week == null ? 1 : week) + 1);
    }
  }

  /** The lead lifts the listing: the case leaves 挂牌督办 (recorded). */
  @Component("listingLift")
  public static class Lift implements TaskListener {
    private final EscalationLadder ladder;
    private final TextTemplates texts;

    public Lift(EscalationLadder ladder, TextTemplates texts) {
      this.ladder = ladder;
      this.texts = texts;
    }

    @Override
    public void notify(DelegateTask task) {
      String comment = Vars.LIFT_COMMENT.require(task, "解除意见");
      ladder.lift(task.getExecution().getProcessBusinessKey(), texts.text("reason/listing-lifted", "comment", comment),
          CurrentUser.id());
    }
  }
}
