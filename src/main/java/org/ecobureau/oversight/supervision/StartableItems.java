package org.ecobureau.oversight.supervision;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.ExtensionRequestProcess;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SummonsProcess;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.signoff.FileObjectionProcess;
import org.ecobureau.oversight.web.ApiErrors;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.stereotype.Service;

/**
 * The items a caller may start a supervision process for from Tasklist's 启动流程 dialog, so that
 * nobody types a business key: 申请延期 (the caller's own open items with a due date or completion
 * deadline not yet passed and no request pending), 挂牌督办 (open items not listed), 红牌约谈 (open
 * items without a red card by hand) and 公示异议 (items in public notice). The start guards still
 * decide; this only offers what they would accept today. Nothing is offered to a caller who may not
 * start the process.
 */
@Service
public class StartableItems {

  /** One choice: the business key the form submits, and what a person reads. */
  public record Choice(String key, String label) {}

  private final CaseRepository cases;
  private final BoardService board;
  private final WorkingDayCalendar calendar;
  private final RuntimeService runtime;
  private final AuthorizationService authorizations;

  public StartableItems(CaseRepository cases, BoardService board, WorkingDayCalendar calendar,
      RuntimeService runtime, AuthorizationService authorizations) {
    this.cases = cases;
    this.board = board;
    this.calendar = calendar;
    this.runtime = runtime;
    this.authorizations = authorizations;
  }

  public List<Choice> choices(ApiUser user, String processKey) {
    Predicate<SupervisionCase> eligible = switch (processKey == null ? "" : processKey) {
      case ExtensionRequestProcess.KEY -> extensionEligible(user);
      case ListedSupervisionProcess.KEY -> c -> !c.listed();
      case SummonsProcess.KEY -> c -> !c.flagged();
      case FileObjectionProcess.KEY -> inPublicNotice();
      default -> throw new ApiErrors.BadRequestException("process: 应为 " + ExtensionRequestProcess.KEY + "、"
          + ListedSupervisionProcess.KEY + "、" + SummonsProcess.KEY + " 或 " + FileObjectionProcess.KEY);
    };
    if (!authorizations.isUserAuthorized(user.id(), user.groups(), Permissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, processKey)) {
      return List.of();
    }
    BoardService.Scope scope = board.scopeOf(user);
    return cases.active().stream().filter(scope::covers).filter(eligible)
        .map(c -> new Choice(c.businessKey(), label(c))).toList();
  }

  /** 3.2.1 VOCs综合治理（安定区） */
  static String label(SupervisionCase c) {
    String title = c.title() == null ? "" : c.title();
    if (title.length() > 40) {
      title = title.substring(0, 39) + "…";
    }
    return c.code() + " " + title + "（" + c.countyName() + "）";
  }

  private Predicate<SupervisionCase> extensionEligible(ApiUser user) {
    boolean cityWide = user.inAny(OrgDirectory.LEAD_GROUP, OrgDirectory.ADMIN_GROUP);
    LocalDate today = calendar.today();
    Set<String> pending = new HashSet<>();
    for (ProcessInstance p : runtime.createProcessInstanceQuery().processDefinitionKey(ExtensionRequestProcess.KEY)
        .list()) {
      pending.add(p.getBusinessKey());
    }
    return c -> {
      if (!cityWide && !user.groups().contains(c.countyGroup())) {
        return false;
      }
      LocalDate due = c.dueDate() != null ? c.dueDate() : c.reporting() ? c.deadline() : null;
      return due != null && !today.isAfter(due) && !pending.contains(c.businessKey());
    };
  }

  private Predicate<SupervisionCase> inPublicNotice() {
    // the case's own instance waits for an objection while its public notice runs
    Set<String> waiting = new HashSet<>();
    for (Execution e : runtime.createExecutionQuery().messageEventSubscriptionName(CountyAssignmentProcess.OBJECTION_MESSAGE)
        .list()) {
      waiting.add(e.getProcessInstanceId());
    }
    return c -> waiting.contains(c.processInstanceId());
  }
}
