package org.ecobureau.oversight.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.TextTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The escalation ladder of one case (assignment or rectification item). The level is the highest
 * of what drives it:
 * <ul>
 *   <li>the due date of the county's open task: 提醒 within {@code reminderBefore} working days,
 *       逾期 after it, 黄牌 at {@code yellowAfter}, 红牌 at {@code redAfter} working days overdue;
 *   <li>approved reports with status 滞后: one → 黄牌, two in a row → 红牌;
 *   <li>a red card by hand (province or media criticism) → 红牌; 挂牌督办 by a lead → listed.
 * </ul>
 * The clock only raises levels in the daily sweep; a caught-up obligation, an approved extension,
 * a lifted listing or a finished summons lowers them at once. Every change is recorded, written
 * to the case's process variables {@code warningLevel} / {@code warningLevelName}, and mailed
 * when it rises above what was already mailed for the current miss (so nothing is mailed twice).
 */
@Component
public class EscalationLadder {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationLadder.class);

  public static final String SYSTEM = "system";

  private final CaseRepository cases;
  private final WorkingDayCalendar calendar;
  private final OversightProperties.Durations durations;
  private final EscalationNotices notices;
  private final SupervisionLetters letters;
  private final RuntimeService runtimeService;
  private final TextTemplates texts;
  private final Clock clock;

  public EscalationLadder(CaseRepository cases, WorkingDayCalendar calendar, OversightProperties properties,
      EscalationNotices notices, SupervisionLetters letters, @Lazy RuntimeService runtimeService,
      TextTemplates texts, Clock clock) {
    this.clock = clock;
    this.texts = texts;
    this.cases = cases;
    this.calendar = calendar;
    this.durations = properties.durations();
    this.notices = notices;
    this.letters = letters;
    this.runtimeService = runtimeService;
  }

  /** What a level is, and why. */
  public record Assessment(WarningLevel level, String reason) {}

  public Assessment assess(SupervisionCase c, LocalDate today) {
    Assessment a = new Assessment(WarningLevel.NONE, texts.text("reason/on-schedule"));
    LocalDate due = c.dueDate();
    if (due != null) {
      if (today.isAfter(due)) {
        int late = calendar.workingDaysAfter(due, today);
        WarningLevel l = late >= durations.redAfter() ? WarningLevel.RED
            : late >= durations.yellowAfter() ? WarningLevel.YELLOW : WarningLevel.OVERDUE;
        a = new Assessment(l, texts.text("reason/overdue", "task", c.openTaskName(), "late", late));
      } else if (!calendar.addWorkingDays(today, durations.reminderBefore()).isBefore(due)) {
        a = new Assessment(WarningLevel.REMINDER, texts.text("reason/due-soon", "task", c.openTaskName(), "due", due));
      }
    }
    // the completion deadline (完成时限 / 整改时限) of a case being carried out, not yet claimed
    LocalDate deadline = c.deadline();
    if (c.reporting() && deadline != null) {
      if (today.isAfter(deadline)) {
        int late = calendar.workingDaysAfter(deadline, today);
        WarningLevel l = late >= durations.redAfter() ? WarningLevel.RED
            : late >= durations.yellowAfter() ? WarningLevel.YELLOW : WarningLevel.OVERDUE;
        a = higher(a, new Assessment(l, texts.text("reason/deadline-passed", "deadline", deadline, "late", late)));
      } else if (!calendar.addWorkingDays(today, durations.reminderBefore()).isBefore(deadline)) {
        a = higher(a, new Assessment(WarningLevel.REMINDER, texts.text("reason/deadline-soon", "deadline", deadline)));
      }
    }
    if (c.lagStreak() >= 2) {
      a = higher(a, new Assessment(WarningLevel.RED, texts.text("reason/lagging-twice")));
    } else if (c.lagStreak() == 1) {
      a = higher(a, new Assessment(WarningLevel.YELLOW, texts.text("reason/lagging")));
    }
    if (c.flagged()) {
      a = higher(a, new Assessment(WarningLevel.RED, texts.text("reason/flagged")));
    }
    if (c.listed()) {
      a = higher(a, new Assessment(WarningLevel.LISTED, texts.text("reason/listed")));
    }
    return a;
  }

  private static Assessment higher(Assessment a, Assessment b) {
    return b.level().rank() >= a.level().rank() ? b : a;
  }

  // --- events -------------------------------------------------------------------------------

  /**
   * The daily sweep: raises the cases whose due date has brought them to a higher rung, at most
   * {@code limit} of them (the caller runs it again while it returns {@code limit}).
   */
  public int sweep(int limit) {
    LocalDate today = calendar.today();
    if (!calendar.isWorkingDay(today)) {
      LOG.info("Escalation sweep skipped: {} is not a working day", today);
      return 0;
    }
    int changed = 0;
    for (SupervisionCase c : cases.dueOnOrBefore(calendar.addWorkingDays(today, durations.reminderBefore()))) {
      if (changed >= limit) {
        break;
      }
      Assessment a = assess(c, today);
      if (a.level().rank() > c.level().rank()) {
        SupervisionCase locked = cases.lock(c.businessKey()).orElseThrow();
        if (change(locked, assess(locked, today), today, SYSTEM, SummonsProcess.TRIGGER_LADDER)) {
          changed++;
        }
      }
    }
    LOG.info("Escalation sweep of {}: {} case(s) raised", today, changed);
    return changed;
  }

  /** A county task with a due date opened; only ever lowers the level (the clock raises it). */
  public void obligationOpened(String businessKey, String taskId, String taskName, Date due) {
    withCase(businessKey, c -> {
      cases.openObligation(businessKey, taskId, taskName, WorkingDayCalendar.day(due), now());
      return lowerIfCaughtUp(cases.find(businessKey).orElseThrow(), texts.text("reason/caught-up-next", "task", taskName), SYSTEM);
    });
  }

  /**
   * The case entered or left its reporting phase: leaving it (a completion claim, an acceptance
   * request) ends the watch on the completion deadline, so the level may fall.
   */
  public void reportingChanged(String businessKey, boolean reporting, String reason, String actor) {
    withCase(businessKey, c -> {
      cases.setReporting(businessKey, reporting);
      return !reporting && lowerIfCaughtUp(cases.find(businessKey).orElseThrow(), reason, actor);
    });
  }

  /**
   * An approved extension of the completion deadline: it moves, and the ladder starts again from
   * the new date (what was mailed for the old one no longer counts).
   */
  public void extendDeadline(String businessKey, LocalDate newDeadline, String reason, String actor) {
    withCase(businessKey, c -> {
      cases.setDeadline(businessKey, newDeadline);
      SupervisionCase updated = cases.find(businessKey).orElseThrow();
      Assessment a = assess(updated, calendar.today());
      if (a.level().rank() < updated.level().rank()) {
        return change(updated, new Assessment(a.level(), reason), calendar.today(), actor, null);
      }
      cases.setLevel(businessKey, updated.level(), Math.min(updated.mailedRank(), a.level().rank()), now());
      cases.recordEvent(businessKey, updated.level(), updated.level(), newDeadline, reason, actor, now());
      return false;
    });
  }

  /** A county task was completed: the county has caught up with it. */
  public void obligationClosed(String businessKey, String taskId, String taskName, String actor) {
    withCase(businessKey, c -> {
      if (!cases.closeObligation(businessKey, taskId, now())) {
        return false;
      }
      return lowerIfCaughtUp(cases.find(businessKey).orElseThrow(), texts.text("reason/caught-up", "task", taskName), actor);
    });
  }

  /** A county task cancelled (its instance deleted): the obligation goes, the level stays. */
  public void obligationCancelled(String businessKey, String taskId) {
    cases.closeObligation(businessKey, taskId, now());
  }

  /** An approved report: 滞后 counts towards yellow / red, anything else ends the streak. */
  public void reportApproved(String businessKey, String statusClass, String actor) {
    withCase(businessKey, c -> {
      boolean lagging = "滞后".equals(statusClass);
      int streak = lagging ? c.lagStreak() + 1 : 0;
      if (streak == c.lagStreak()) {
        return false;
      }
      cases.setLagStreak(businessKey, streak);
      SupervisionCase updated = cases.find(businessKey).orElseThrow();
      return change(updated, assess(updated, calendar.today()), calendar.today(), actor, SummonsProcess.TRIGGER_LADDER);
    });
  }

  /**
   * A red card by hand (province or media criticism, from the summons start form, which is the
   * summons itself: {@code summonsTrigger} null) or from a rebound at a look-back (which opens one).
   */
  public void flag(String businessKey, String reason, String actor, String summonsTrigger) {
    withCase(businessKey, c -> {
      cases.setFlagged(businessKey, true);
      SupervisionCase updated = cases.find(businessKey).orElseThrow();
      Assessment a = assess(updated, calendar.today());
      return change(updated, new Assessment(a.level(), a.level() == WarningLevel.RED ? reason : a.reason()),
          calendar.today(), actor, summonsTrigger);
    });
  }

  public void unflag(String businessKey, String reason, String actor) {
    withCase(businessKey, c -> {
      if (!c.flagged()) {
        return false;
      }
      cases.setFlagged(businessKey, false);
      return lowerIfCaughtUp(cases.find(businessKey).orElseThrow(), reason, actor);
    });
  }

  public void list(String businessKey, String reason, String actor) {
    withCase(businessKey, c -> {
      cases.setListed(businessKey, true);
      SupervisionCase updated = cases.find(businessKey).orElseThrow();
      return change(updated, new Assessment(WarningLevel.LISTED, reason), calendar.today(), actor, null);
    });
  }

  public void lift(String businessKey, String reason, String actor) {
    withCase(businessKey, c -> {
      cases.setListed(businessKey, false);
      return lowerIfCaughtUp(cases.find(businessKey).orElseThrow(), reason, actor);
    });
  }

  /**
   * An approved extension: the open task's due date moves and the ladder starts again from the
   * new date (what was mailed for the old one no longer counts).
   */
  public void extend(String businessKey, LocalDate newDue, String reason, String actor) {
    withCase(businessKey, c -> {
      cases.setDueDate(businessKey, newDue);
      SupervisionCase updated = cases.find(businessKey).orElseThrow();
      Assessment a = assess(updated, calendar.today());
      if (a.level().rank() < updated.level().rank()) {
        return change(updated, new Assessment(a.level(), reason), calendar.today(), actor, null);
      }
      cases.setLevel(businessKey, updated.level(), Math.min(updated.mailedRank(), a.level().rank()), now());
      cases.recordEvent(businessKey, updated.level(), updated.level(), newDue, reason, actor, now());
      return false;
    });
  }

  // --- the change itself --------------------------------------------------------------------

  private boolean lowerIfCaughtUp(SupervisionCase c, String reason, String actor) {
    Assessment a = assess(c, calendar.today());
    if (a.level().rank() >= c.level().rank()) {
      return false;
    }
    return change(c, new Assessment(a.level(),
        texts.text("reason/lowered", "reason", reason, "level", a.level().label())),
        calendar.today(), actor, null);
  }

  /**
   * Moves the case to the assessed level: records it, sets the process variables, mails a rise
   * above what was mailed for this miss, issues the supervision letter on a second yellow within
   * the quarter and asks a lead for the measure (督办措施) on red.
   */
  private boolean change(SupervisionCase c, Assessment a, LocalDate today, String actor, String summonsTrigger) {
    WarningLevel to = a.level();
    if (to == c.level()) {
      return false;
    }
    Instant now = now();
    boolean rising = to.rank() > c.level().rank();
    int mailed = rising ? Math.max(c.mailedRank(), to.rank()) : to.rank();
    cases.setLevel(c.businessKey(), to, mailed, now);
    cases.recordEvent(c.businessKey(), c.level(), to, c.dueDate(), a.reason(), actor, now);
    engine(() -> {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count() > 0) {
        runtimeService.setVariables(c.processInstanceId(), Map.of(
            EscalationVars.WARNING_LEVEL.name(), to.code(), EscalationVars.WARNING_LEVEL_NAME.name(), to.label()));
      }
      return null;
    });
    LOG.info("{}: {} -> {} ({}) by {}", c.businessKey(), c.level().code(), to.code(), a.reason(), actor);
    if (!rising) {
      return true;
    }
    if (to.rank() > c.mailedRank()) {
      notices.levelReached(c, to, a.reason(), today);
    }
    if (to == WarningLevel.YELLOW
        && cases.yellowsSince(c.businessKey(), WorkingDayCalendar.startOfDay(SupervisionLetters.quarterStart(today))
            .toInstant()) == 2) {
      letters.issue(c, today, now);
    }
    if (to == WarningLevel.RED && summonsTrigger != null) {
      openMeasureDecision(c, a.reason(), summonsTrigger);
    }
    return true;
  }

  /**
   * A red card no longer opens a summons by itself: a lead decides the measure (约谈, 函询, 通报,
   * 挂牌督办 or 移交问责), unless one is already being decided or a summons runs.
   */
  private void openMeasureDecision(SupervisionCase c, String reason, String trigger) {
    engine(() -> {
      boolean running = runtimeService.createProcessInstanceQuery()
          .processDefinitionKeyIn(SupervisionMeasureProcess.KEY, SummonsProcess.KEY)
          .processInstanceBusinessKey(c.businessKey()).count() > 0;
      if (!running) {
        runtimeService.startProcessInstanceByKey(SupervisionMeasureProcess.KEY, c.businessKey(),
            SummonsProcess.variables(c, reason, trigger));
      }
      return null;
    });
  }

  // --- helpers ------------------------------------------------------------------------------

  private interface CaseChange {
    boolean apply(SupervisionCase c);
  }

  private void withCase(String businessKey, CaseChange change) {
    Optional<SupervisionCase> c = cases.lock(businessKey);
    if (c.isEmpty()) {
      LOG.debug("No supervision case {}", businessKey);
      return;
    }
    change.apply(c.get());
  }

  private Instant now() {
    return clock.instant();
  }

  private static <T> T engine(Supplier<T> work) {
    var context = Context.getCommandContext();
    return context == null ? work.get() : context.runWithoutAuthorization(work::get);
  }
}
