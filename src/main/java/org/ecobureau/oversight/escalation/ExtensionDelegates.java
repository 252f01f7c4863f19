package org.ecobureau.oversight.escalation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.common.TextTemplates;
import org.ecobureau.oversight.escalation.ExtensionRequestProcess.Vars;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The small delegates of {@code bpmn/extension-request.bpmn}. */
public final class ExtensionDelegates {

  private ExtensionDelegates() {}

  /**
   * Filing: the county's own open case, with an open task whose due date has not passed, a later
   * date asked for, and no other request pending. Otherwise refused (HTTP 400), nothing recorded.
   */
  @Component("extensionFilingGuard")
  public static class FilingGuard implements ExecutionListener {
    private final CaseLookup lookup;
    private final WorkingDayCalendar calendar;
    private final RuntimeService runtimeService;

    public FilingGuard(CaseLookup lookup, WorkingDayCalendar calendar, @Lazy RuntimeService runtimeService) {
      this.lookup = lookup;
      this.calendar = calendar;
      this.runtimeService = runtimeService;
    }

    @Override
    public void notify(DelegateExecution execution) {
      Vars.EXTENSION_REASON.require(execution, "延期理由");
      LocalDate requested = WorkingDayCalendar.day(Vars.REQUESTED_DUE.require(execution, "申请延期至"));
      SupervisionCase c = lookup.openCase(execution, Vars.ITEM_KEY);
      if (CaseLookup.callerIsCountyOnly(c) && !CaseLookup.callerGroups().contains(c.countyGroup())) {
        throw new FieldValidationException(Vars.ITEM_KEY.name(), "事项编号",
            "「" + c.businessKey() + "」不是本单位承办的事项");
      }
      // an open task with a due date is extended; otherwise, while the work is carried out, the
      // completion deadline (完成时限 / 整改时限)
      boolean deadline = c.dueDate() == null && c.reporting() && c.deadline() != null;
      LocalDate due = deadline ? c.deadline() : c.dueDate();
      String name = deadline ? ExtensionRequestProcess.DEADLINE_NAME : c.openTaskName();
      if (due == null) {
        throw new FieldValidationException(Vars.ITEM_KEY.name(), "事项编号",
            "「" + c.businessKey() + "」当前没有有办理时限的待办，也没有完成时限，无需延期");
      }
      LocalDate today = calendar.today();
      if (today.isAfter(due)) {
        throw new FieldValidationException(Vars.ITEM_KEY.name(), "事项编号", "「" + name + "」已于 "
            + EscalationNotices.DAY.format(due) + " 到期，延期申请须在到期前提出");
      }
      if (!requested.isAfter(due)) {
        throw new FieldValidationException(Vars.REQUESTED_DUE.name(), "申请延期至",
            (deadline ? "应晚于当前完成时限 " : "应晚于当前办理时限 ") + EscalationNotices.DAY.format(due));
      }
      long pending = Context.getCommandContext().runWithoutAuthorization(() -> runtimeService
          .createProcessInstanceQuery().processDefinitionKey(ExtensionRequestProcess.KEY)
          .processInstanceBusinessKey(c.businessKey()).count());
      if (pending > 0) {
        throw new FieldValidationException(Vars.ITEM_KEY.name(), "事项编号",
            "「" + c.businessKey() + "」已有待审批的延期申请");
      }
      Vars.EXTENDED_TASK_ID.set(execution, deadline ? ExtensionRequestProcess.DEADLINE_MARKER : c.openTaskId());
      Vars.EXTENDED_TASK_NAME.set(execution, name);
      Vars.CURRENT_DUE.set(execution, WorkingDayCalendar.endOfDay(due));
      Vars.REQUESTED_DUE.set(execution, WorkingDayCalendar.endOfDay(requested));
    }
  }

  /** The lead's decision: approve, or refuse with a reason. */
  @Component("extensionDecisionGuard")
  public static class DecisionGuard implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      String decision = Vars.EXTENSION_DECISION.require(task, "审批意见");
      if (ExtensionRequestProcess.REFUSE.equals(decision)) {
        Vars.EXTENSION_COMMENT.require(task, "不予延期的理由");
      } else if (!ExtensionRequestProcess.APPROVE.equals(decision)) {
        throw new FieldValidationException(Vars.EXTENSION_DECISION.name(), "审批意见",
            "应为 approve（同意）或 refuse（不同意），收到 " + decision);
      } else if (ExtensionRequestProcess.DEADLINE_MARKER.equals(Vars.EXTENDED_TASK_ID.get(task))
          && String.valueOf(task.getExecution().getProcessBusinessKey()).startsWith("RI-")) {
        // an inspection item's rectification deadline moves only with the province's approval
        Vars.PROVINCE_APPROVAL.requireText(task, "省级审批文件文号", 100);
      }
    }
  }

  /**
   * Approved: the task's due date moves and the ladder restarts from it, if that task is still
   * open (the county may have done it meanwhile; then nothing moves).
   */
  @Component("extensionApplier")
  public static class Applier implements JavaDelegate {
    private final CaseRepository cases;
    private final EscalationLadder ladder;
    private final TaskService taskService;
    private final TextTemplates texts;

    private final RuntimeService runtimeService;

    public Applier(CaseRepository cases, EscalationLadder ladder, @Lazy TaskService taskService, TextTemplates texts,
        @Lazy RuntimeService runtimeService) {
      this.runtimeService = runtimeService;
      this.texts = texts;
      this.cases = cases;
      this.ladder = ladder;
      this.taskService = taskService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String businessKey = execution.getProcessBusinessKey();
      String taskId = Vars.EXTENDED_TASK_ID.get(execution);
      var c = cases.find(businessKey).orElse(null);
      var newDue = Vars.REQUESTED_DUE.get(execution);
      String actor = CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id();
      if (c != null && ExtensionRequestProcess.DEADLINE_MARKER.equals(taskId) && c.reporting()) {
        ladder.extendDeadline(businessKey, WorkingDayCalendar.day(newDue), texts.text("reason/extension-approved",
            "task", ExtensionRequestProcess.DEADLINE_NAME, "from", c.deadline(), "to", WorkingDayCalendar.day(newDue)),
            actor);
        Context.getCommandContext().runWithoutAuthorization(() -> {
          runtimeService.setVariable(c.processInstanceId(), "deadline", newDue);
          return null;
        });
        execution.setVariable("extensionApplied", true);
        return;
      }
      if (c == null || !taskId.equals(c.openTaskId())) {
        execution.setVariable("extensionApplied", false);
        return;
      }
      Context.getCommandContext().runWithoutAuthorization(() -> {
        var task = taskService.createTaskQuery().taskId(taskId).singleResult();
        task.setDueDate(newDue);
        taskService.saveTask(task);
        return null;
      });
      ladder.extend(businessKey, WorkingDayCalendar.day(newDue), texts.text("reason/extension-approved",
          "task", c.openTaskName(), "from", c.dueDate(), "to", WorkingDayCalendar.day(newDue)),
          CurrentUser.id() == null ? EscalationLadder.SYSTEM : CurrentUser.id());
      execution.setVariable("extensionApplied", true);
    }
  }

  /** End listener of both outcomes: the county learns the decision. */
  @Component("extensionDecisionNotice")
  public static class DecisionNotice implements ExecutionListener {
    private final CaseRepository cases;
    private final EscalationNotices notices;

    public DecisionNotice(CaseRepository cases, EscalationNotices notices) {
      this.cases = cases;
      this.notices = notices;
    }

    @Override
    public void notify(DelegateExecution execution) {
      boolean approved = ExtensionRequestProcess.APPROVE.equals(Vars.EXTENSION_DECISION.get(execution));
      Map<String, Object> values = new HashMap<>();
      values.put("approved", approved);
      values.put("taskName", Vars.EXTENDED_TASK_NAME.get(execution));
      values.put("requestedDue", WorkingDayCalendar.day(Vars.REQUESTED_DUE.get(execution)));
      values.put("currentDue", WorkingDayCalendar.day(Vars.CURRENT_DUE.get(execution)));
      values.put("comment", Vars.EXTENSION_COMMENT.get(execution));
      cases.find(execution.getProcessBusinessKey()).ifPresent(c -> notices.send(c, "extension-decision",
          List.of(c.countyGroup()), values,
          c.businessKey() + "|extension|" + execution.getProcessInstanceId()));
    }
  }
}
