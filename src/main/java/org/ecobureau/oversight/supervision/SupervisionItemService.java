package org.ecobureau.oversight.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.EscalationLadder;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.escalation.SupervisionLetters;
import org.ecobureau.oversight.reporting.PeriodicReportProcess;
import org.ecobureau.oversight.reporting.ReportRepository;
import org.ecobureau.oversight.reporting.ReportRow;
import org.ecobureau.oversight.reporting.RowValues;
import org.ecobureau.oversight.web.ApiErrors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * One supervised item (a county or department assignment, a rectification item) as the board's
 * read-only item page shows it: what it is, where it stands on the ladder and why, what was
 * reported period by period and how the lead unit judged it, every change of the warning level
 * and measure, the supervision letters and the evidence files. Read from the ladder's own table,
 * the periodic reports and the letters (no engine variables).
 *
 * <p>Who may read it is the board's rule ({@link BoardService.Scope#covers}): an unknown item is
 * {@link ItemNotFoundException} (404), a known one outside the caller's scope is a 403.
 */
@Service
public class SupervisionItemService {

  /** The item page. Dates are Beijing dates; {@code deadline} null is 长期坚持. */
  public record ItemView(String businessKey, String kind, String kindName, String code, String title, String county,
      String countyName, String leadNames, LocalDate deadline, String deadlineText, boolean active, String status,
      String openTask, LocalDate dueDate, int daysOverdue, String level, String levelName, String reason,
      String target, String achieved, List<ReportEntry> reports, List<LadderEntry> ladder, List<LetterEntry> letters,
      List<EvidenceFile> evidence) {}

  /**
   * One submission or review of the item's row in a periodic report.
   *
   * @param event 报送, 退回重报, 审核通过 or 退回
   */
  public record ReportEntry(String period, String event, OffsetDateTime at, String actor, String actorName,
      Integer progress, Integer expected, String workDone, String problems, String nextSteps, String achieved,
      String claim, String judgement, String comment, List<String> files) {}

  /** A change of the warning level, or a measure recorded at the same level (from == to). */
  public record LadderEntry(OffsetDateTime at, String from, String fromName, String to, String toName,
      boolean measure, LocalDate dueDate, String reason, String actor, String actorName) {}

  /** A supervision letter (专函督办), downloadable as Word from {@code /api/supervision/letters/{id}.docx}. */
  public record LetterEntry(String id, String letterNo, String quarter, OffsetDateTime issuedAt, String subject) {}

  /** An evidence file of a report row, downloadable from {@code /api/periodic-reports/files/{id}}. */
  public record EvidenceFile(String id, String name, String period, long size, OffsetDateTime uploadedAt) {}

  private final CaseRepository cases;
  private final ReportRepository reports;
  private final SupervisionLetters letters;
  private final IdentityService identityService;
  private final WorkingDayCalendar calendar;
  private final JdbcTemplate jdbc;

  public SupervisionItemService(CaseRepository cases, ReportRepository reports, SupervisionLetters letters,
      IdentityService identityService, WorkingDayCalendar calendar, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.reports = reports;
    this.letters = letters;
    this.identityService = identityService;
    this.calendar = calendar;
  }

  /**
   * The item, for a caller with this scope.
   *
   * @throws ItemNotFoundException no such item (404)
   * @throws ApiErrors.ForbiddenException the item exists, but not for this caller (403)
   */
  public ItemView item(BoardService.Scope scope, String businessKey) {
    SupervisionCase c = cases.find(businessKey).orElseThrow(() -> new ItemNotFoundException(businessKey));
    if (!scope.covers(c)) {
      throw new ApiErrors.ForbiddenException("无权查看事项 " + businessKey);
    }
    LocalDate today = calendar.today();
    Map<String, String> names = new HashMap<>();
    String[] extra = extra(businessKey);
    String closure = extra[0];
    String reason = c.active() ? BoardService.reasonOf(null, c.openTaskName(), c.dueDate(), c.reporting(), c.deadline(),
        today) : BoardService.NOT_CONCERNED.equals(closure) ? BoardService.NOT_CONCERNED : null;
    String status = c.active() ? c.level().status() : closure == null || closure.isBlank() ? "已办结" : closure;
    int overdue = c.active() && c.dueDate() != null && today.isAfter(c.dueDate())
        ? calendar.workingDaysAfter(c.dueDate(), today) : 0;
    return new ItemView(c.businessKey(), c.kind(), c.kindLabel(), c.code(), c.title(), c.county(), c.countyName(),
        c.leadNames(), c.deadline(), c.deadline() == null ? "长期坚持" : org.ecobureau.oversight.escalation.EscalationNotices.DAY.format(c.deadline()), c.active(), status,
        c.openTaskName(), c.dueDate(), overdue, c.level().code(), c.level().label(), reason, extra[1], extra[2],
        reportEntries(businessKey, names), ladder(businessKey, names), letterEntries(businessKey),
        evidence(businessKey));
  }

  /** How the case ended, its target and the value last reported achieved: columns the case record does not carry. */
  private String[] extra(String businessKey) {
    return jdbc.query("SELECT CLOSURE, TARGET, ACHIEVED FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY = ?",
        rs -> rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}
            : new String[3], businessKey);
  }

  private List<ReportEntry> reportEntries(String businessKey, Map<String, String> names) {
    Map<String, String> periods = new HashMap<>();
    List<ReportEntry> out = new ArrayList<>();
    for (ReportRepository.RowEvent e : reports.eventsOfCase(businessKey)) {
      String period = periods.computeIfAbsent(e.reportKey(), k -> reports.findReport(k)
          .map(r -> PeriodicReportProcess.periodLabel(YearMonth.parse(r.period()))).orElse(""));
      boolean submitted = ReportRow.SUBMITTED.equals(e.event());
      String event = submitted ? (e.round() > 1 ? "退回重报" : "报送")
          : ReportRow.APPROVED.equals(e.event()) ? "审核通过" : "退回";
      String claim = submitted && e.claim()
          ? (RowValues.CLAIM_STANDING.equals(e.claimType()) ? "申请长期坚持" : "申请销号") : null;
      List<String> files = !submitted || e.files() == null || e.files().isBlank() ? List.of()
          : Arrays.stream(e.files().split("、")).filter(s -> !s.isBlank()).toList();
      out.add(new ReportEntry(period, event, time(e.at()), e.actor(), name(e.actor(), names),
          submitted ? e.progress() : null, submitted ? e.expected() : null, submitted ? e.workDone() : null,
          submitted ? e.problems() : null, submitted ? e.nextSteps() : null, submitted ? e.achieved() : null,
          claim, submitted ? null : e.judgement(), submitted ? null : e.comment(), files));
    }
    return out;
  }

  private List<LadderEntry> ladder(String businessKey, Map<String, String> names) {
    return cases.events(businessKey).stream().map(e -> {
      String actor = EscalationLadder.SYSTEM.equals(e.actor()) ? null : e.actor();
      return new LadderEntry(time(e.at()), e.from().code(), e.from().label(), e.to().code(), e.to().label(),
          e.from() == e.to(), e.dueDate(), e.reason(), actor, actor == null ? "系统" : name(actor, names));
    }).toList();
  }

  private List<LetterEntry> letterEntries(String businessKey) {
    return letters.letters(businessKey).stream()
        .map(l -> new LetterEntry(l.id(), l.letterNo(), l.quarter(), time(l.issuedAt()), l.subject())).toList();
  }

  private List<EvidenceFile> evidence(String businessKey) {
    Map<String, String> periods = new HashMap<>();
    return reports.filesOfCase(businessKey).stream().map(f -> new EvidenceFile(f.id(), f.name(),
        periods.computeIfAbsent(f.reportKey(), k -> reports.findReport(k)
            .map(r -> PeriodicReportProcess.periodLabel(YearMonth.parse(r.period()))).orElse("")),
        f.size(), time(f.uploadedAt()))).toList();
  }

  /** A user's display name; read without the caller's authorizations (a county may not list users). */
  private String name(String userId, Map<String, String> cache) {
    if (userId == null) {
      return null;
    }
    return cache.computeIfAbsent(userId, id -> {
      Authentication caller = identityService.getCurrentAuthentication();
      identityService.clearAuthentication();
      try {
        User u = identityService.createUserQuery().userId(id).singleResult();
        if (u == null) {
          return id;
        }
        String n = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
            + (u.getLastName() == null ? "" : u.getLastName())).trim();
        return n.isEmpty() ? id : n;
      } finally {
        if (caller != null) {
          identityService.setAuthentication(caller);
        }
      }
    });
  }

  private static OffsetDateTime time(Instant at) {
    return at == null ? null : at.atZone(WorkingDayCalendar.ZONE).toOffsetDateTime();
  }

  /** No item with this business key (404). */
  public static class ItemNotFoundException extends IllegalArgumentException {
    public ItemNotFoundException(String businessKey) {
      super("没有事项 " + businessKey);
    }
  }
}
