package org.ecobureau.oversight.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseLifecycle;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.CaseRepository.ReportingCase;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Opens a period's reports: for every reporting party (a county, or a department carrying tasks)
 * with cases in their reporting phase that report this period (月报 every month, 季报 in the
 * quarter's last month), one {@code periodic-report} instance with one row per case, unless the
 * party already has that period's report. The rows' reviewer is the case's first lead unit (主牵头单位).
 * Run daily by {@code reporting-round}; from the period's opening day on it opens what is missing.
 */
@Component("reportingRound")
public class ReportingRound implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReportingRound.class);

  private final CaseRepository cases;
  private final ReportRepository reports;
  private final RuntimeService runtimeService;
  private final org.camunda.bpm.engine.TaskService taskService;
  private final org.ecobureau.oversight.escalation.EscalationLadder ladder;
  private final HistoryService historyService;
  private final WorkingDayCalendar calendar;
  private final OrgDirectory org;
  private final OversightProperties.Reporting settings;
  private final Clock clock;

  public ReportingRound(CaseRepository cases, ReportRepository reports, @Lazy RuntimeService runtimeService,
      @Lazy org.camunda.bpm.engine.TaskService taskService, org.ecobureau.oversight.escalation.EscalationLadder ladder,
      @Lazy HistoryService historyService, WorkingDayCalendar calendar, OrgDirectory org,
      OversightProperties properties, Clock clock) {
    this.cases = cases;
    this.reports = reports;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.ladder = ladder;
    this.historyService = historyService;
    this.calendar = calendar;
    this.org = org;
    this.settings = properties.reporting();
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = calendar.today();
    YearMonth period = YearMonth.from(today);
    if (today.getDayOfMonth() < settings.opensOnDay()) {
      period = period.minusMonths(1);
    }
    int opened = open(period);
    LOG.info("Reporting round of {}: {} report(s) opened for {}", today, opened, period);
  }

  /** Whether cases of this cadence report in this period. */
  public static boolean reportsIn(String cadence, YearMonth period) {
    return !CaseLifecycle.QUARTERLY.equals(cadence) || period.getMonthValue() % 3 == 0;
  }

  /** The report's due date: the due day of the following month, or the next working day. */
  public LocalDate dueDate(YearMonth period) {
    return calendar.workingDayOnOrAfter(period.plusMonths(1).atDay(settings.dueDay()));
  }

  /** Opens the period's missing reports; returns how many were opened. */
  public int open(YearMonth period) {
    List<String> cadences = java.util.stream.Stream.of(CaseLifecycle.MONTHLY, CaseLifecycle.QUARTERLY)
        .filter(c -> reportsIn(c, period)).toList();
    Map<String, List<ReportingCase>> byParty = new LinkedHashMap<>();
    java.time.Instant periodEnd = WorkingDayCalendar.endOfDay(period.atEndOfMonth()).toInstant();
    for (ReportingCase rc : cases.reporting(cadences)) {
      if (rc.startedAt() != null && rc.startedAt().isAfter(periodEnd)) {
        continue;   // dispatched after the period: it reports from the next one
      }
      byParty.computeIfAbsent(rc.supervisionCase().county(), k -> new ArrayList<>()).add(rc);
    }
    int opened = 0;
    for (var e : byParty.entrySet()) {
      String key = PeriodicReportProcess.businessKey(e.getKey(), period);
      var existing = reports.findReport(key);
      if (existing.isEmpty()) {
        openOne(e.getKey(), period, e.getValue());
        opened++;
      } else if (PeriodicReport.OPEN.equals(existing.get().state())) {
        addRows(existing.get(), period, e.getValue());
      }
    }
    return opened;
  }

  /**
   * A report not yet filed takes the cases that came into their reporting phase since it opened
   * (an assignment accepted after the 20th): one more row each, on the ladder with the report.
   */
  private void addRows(PeriodicReport report, YearMonth period, List<ReportingCase> candidates) {
    var present = reports.rows(report.businessKey()).stream().map(ReportRow::caseKey)
        .collect(java.util.stream.Collectors.toSet());
    int seq = reports.rows(report.businessKey()).stream().mapToInt(ReportRow::seq).max().orElse(0);
    var task = taskService.createTaskQuery().processInstanceId(report.processInstanceId())
        .taskDefinitionKey(PeriodicReportProcess.Element.submitPeriodicReport.name()).singleResult();
    for (ReportingCase rc : candidates) {
      if (present.contains(rc.supervisionCase().businessKey())) {
        continue;
      }
      insertRow(report.businessKey(), ++seq, rc, period);
      if (task != null) {
        ladder.obligationOpened(rc.supervisionCase().businessKey(), task.getId(),
            CaseRepository.REPORT_OBLIGATION_PREFIX + "（" + PeriodicReportProcess.periodLabel(period) + "）", task.getDueDate());
      }
    }
    if (task != null) {
      runtimeService.setVariable(report.processInstanceId(), Vars.ROW_COUNT.name(),
          reports.rows(report.businessKey()).size());
    }
  }

  private void insertRow(String key, int seq, ReportingCase rc, YearMonth period) {
    SupervisionCase c = rc.supervisionCase();
    String reviewGroup = c.leadGroupList().isEmpty() ? OrgDirectory.LEAD_GROUP : c.leadGroupList().get(0);
    reports.insertRow(new ReportRow(key, c.businessKey(), seq, c.kind(), c.code(), c.title(), reviewGroup,
        reviewName(reviewGroup), c.deadline(), expectedProgress(rc, period), ReportRow.OPEN, 0, null, null, null,
        null, null, false, null, null, null, null, null, null, null, rc.target()));
  }

  private void openOne(String party, YearMonth period, List<ReportingCase> rows) {
    SupervisionCase first = rows.get(0).supervisionCase();
    String key = PeriodicReportProcess.businessKey(party, period);
    LocalDate due = dueDate(period);
    Instant now = clock.instant();
    var variables = Variables.createVariables()
        .putValue(Vars.PARTY.name(), party)
        .putValue(Vars.PARTY_NAME.name(), first.countyName())
        .putValue(Vars.PARTY_GROUP.name(), first.countyGroup())
        .putValue(Vars.PERIOD.name(), period.toString())
        .putValue(Vars.PERIOD_LABEL.name(), PeriodicReportProcess.periodLabel(period))
        .putValue(Vars.REPORT_TITLE.name(), PeriodicReportProcess.title(first.countyName(), period))
        .putValue(Vars.REPORT_DUE.name(), WorkingDayCalendar.endOfDay(due))
        .putValue(Vars.ROW_COUNT.name(), rows.size());
    // rows first: the report task's listeners (mail, ladder) read them when it is created
    reports.insertReport(new PeriodicReport(key, party, first.countyName(), first.countyGroup(), period.toString(),
        "pending", due, PeriodicReport.OPEN, null, null, null, null), now);
    int seq = 0;
    for (ReportingCase rc : rows) {
      insertRow(key, ++seq, rc, period);
    }
    var instance = runtimeService.startProcessInstanceByKey(PeriodicReportProcess.KEY, key, variables);
    reports.setProcessInstance(key, instance.getId());
  }

  private String reviewName(String group) {
    if (group.startsWith(OrgDirectory.UNIT_GROUP_PREFIX)) {
      return org.unitNames(List.of(group.substring(OrgDirectory.UNIT_GROUP_PREFIX.length())));
    }
    return "市生态环境局";
  }

  /**
   * 序时进度: the share of the time from dispatch to the completion deadline that has passed by the
   * period's end, in percent; null for a standing task (no deadline).
   */
  Integer expectedProgress(ReportingCase rc, YearMonth period) {
    LocalDate deadline = rc.supervisionCase().deadline();
    if (deadline == null) {
      return null;
    }
    LocalDate start = rc.startedAt() != null ? WorkingDayCalendar.day(java.util.Date.from(rc.startedAt()))
        : startOf(rc.supervisionCase().processInstanceId());
    return expectedProgress(start, deadline, period.atEndOfMonth());
  }

  public static int expectedProgress(LocalDate start, LocalDate deadline, LocalDate asOf) {
    long total = ChronoUnit.DAYS.between(start, deadline);
    if (total <= 0 || !asOf.isBefore(deadline)) {
      return 100;
    }
    long passed = Math.max(0, ChronoUnit.DAYS.between(start, asOf));
    return (int) Math.min(100, Math.round(passed * 100.0 / total));
  }

  private LocalDate startOf(String processInstanceId) {
    var h = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    return h == null ? calendar.today() : WorkingDayCalendar.day(h.getStartTime());
  }
}
