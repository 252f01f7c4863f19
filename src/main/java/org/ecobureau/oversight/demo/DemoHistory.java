package org.ecobureau.oversight.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.DispatchGuard;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.assignment.KeyTaskStarter;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.ecobureau.oversight.catalogue.KeyTask;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.escalation.WarningLevel;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.rectification.LedgerRepository;
import org.ecobureau.oversight.rectification.RectificationItem;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.ecobureau.oversight.rectification.RectificationItemStarter;
import org.ecobureau.oversight.reporting.PeriodicReportProcess;
import org.ecobureau.oversight.reporting.ReportRepository;
import org.ecobureau.oversight.reporting.ReportRow;
import org.ecobureau.oversight.reporting.RowReviewGuard;
import org.ecobureau.oversight.reporting.RowValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo as a living system four months in (profile demo, {@code oversight.demo.history}): on
 * the first start of an empty demo database the engine clock is set back four months and the
 * bureau's work is played forward day by day through the real processes, with the job executor's
 * work (the daily reporting round, the ladder's sweep, every timer) run on each simulated day:
 *
 * <ul>
 *   <li>the lead dispatches chapter 3 (蓝天保卫战) in the first week; counties and units sign within
 *       two days, except 临洮县, which signs two tasks a fortnight late, and 漳县, which never signs two;
 *   <li>every month the parties file their periodic report the day after it opens and the lead units
 *       review it, except 渭源县, which files after the due date, 通渭县, whose last report is judged 滞后 (yellow),
 *       and 漳县, which never files (逾期未报 → 黄牌 → 红牌, and the red cards' measures wait for the lead);
 *   <li>the inspection ledger is dispatched in the first week: plans are drafted and approved, except
 *       漳县's (never drafted) and 岷县's (drafted at the end, waiting for review); RI-ZY-1:anding is left
 *       for the walk-through;
 *   <li>the lead lists one of 漳县's red items (挂牌督办);
 *   <li>a week before now the lead dispatches three tasks of chapter 4, which 岷县 and 临洮县 have not
 *       signed yet (逾期).
 * </ul>
 *
 * Then the clock returns to now, the rest of the catalogue is started (fresh 交办 tasks), and the
 * job executor delivers what was sent. While this runs the app reports itself DOWN ({@link DemoHealth}).
 */
public class DemoHistory {

  private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);

  static final String CHAPTER = "3.";
  static final int MONTHS = 4;
  /** Left untouched: the README's walk-through dispatches and works it. */
  static final String WALK_THROUGH_ITEM = "RI-ZY-1:anding";
  static final Set<String> NEVER_FILES = Set.of("zhangxian");
  static final Set<String> FILES_LATE = Set.of("weiyuan");
  static final Set<String> LAGS = Set.of("tongwei");
  /** A week before now the lead dispatches three tasks of chapter 4; 岷县 and 临洮县 have not signed them yet (逾期). */
  static final String LATE_BATCH = "4.1.";
  static final int LATE_BATCH_WORKING_DAYS = 7;
  static final Set<String> LATE_BATCH_UNSIGNED = Set.of("minxian", "lintao");
  private final Set<String> lateBatch = new HashSet<>();

  enum State { WAITING, RUNNING, DONE, FAILED }

  private volatile State state = State.WAITING;

  private final ProcessEngineConfigurationImpl engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final KeyTaskStarter keyTasks;
  private final CatalogueRepository catalogue;
  private final RectificationItemStarter items;
  private final LedgerRepository ledger;
  private final ReportRepository reports;
  private final CaseRepository cases;
  private final WorkingDayCalendar calendar;
  private final Set<String> failedJobs = new HashSet<>();

  public DemoHistory(ProcessEngineConfigurationImpl engine, KeyTaskStarter keyTasks,
      CatalogueRepository catalogue, RectificationItemStarter items, LedgerRepository ledger, ReportRepository reports,
      CaseRepository cases, WorkingDayCalendar calendar) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.keyTasks = keyTasks;
    this.catalogue = catalogue;
    this.items = items;
    this.ledger = ledger;
    this.reports = reports;
    this.cases = cases;
    this.calendar = calendar;
  }

  State state() {
    return state;
  }

  /** Whether this database has seen any work yet (an assignment or an item, running or ended). */
  boolean fresh() {
    var history = engine.getHistoryService();
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(CountyAssignmentProcess.KEY).count() == 0
        && history.createHistoricProcessInstanceQuery().processDefinitionKey(RectificationItemProcess.KEY).count() == 0;
  }

  /** Plays the four months on a fresh demo database, then starts the rest of the catalogue now. */
  public void run() {
    if (!fresh()) {
      state = State.DONE;
      keyTasks.startAll();
      return;
    }
    state = State.RUNNING;
    var executor = engine.getJobExecutor();
    boolean wasActive = executor != null && executor.isActive();
    if (wasActive) {
      executor.shutdown();
    }
    long started = System.currentTimeMillis();
    try {
      play();
      state = State.DONE;
    } catch (RuntimeException e) {
      state = State.FAILED;
      LOG.error("Demo history stopped: {}", e.toString(), e);
    } finally {
      ClockUtil.reset();
      identity.clearAuthentication();
      keyTasks.startAll();
      if (wasActive) {
        executor.start();
      }
    }
    LOG.info("Demo history: four months played in {} s ({} jobs skipped after failing)",
        (System.currentTimeMillis() - started) / 1000, failedJobs.size());
  }

  private void play() {
    LocalDate today = LocalDate.now(WorkingDayCalendar.ZONE);
    LocalDate first = workingDayFrom(today.minusMonths(MONTHS).withDayOfMonth(1));
    // the daily rounds (reporting round, ladder sweep) are timer starts scheduled from the real
    // now: they start again from the first simulated morning and follow the engine clock from there
    for (Job start : management.createJobQuery().timers().list()) {
      if (start.getProcessInstanceId() == null) {
        management.setJobDuedate(start.getId(), Date.from(first.atTime(6, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
      }
    }
    at(first, 9, 0);
    List<String> chapter = catalogue.findActive().stream().map(KeyTask::code).filter(c -> c.startsWith(CHAPTER)).toList();
    chapter.forEach(keyTasks::start);
    List<RectificationItem> ledgerItems = ledger.findActive().stream()
        .filter(i -> !WALK_THROUGH_ITEM.equals(i.businessKey())).toList();
    ledgerItems.forEach(i -> items.start(i.businessKey()));
    runDueJobs();

    List<LocalDate> days = first.datesUntil(today).filter(calendar::isWorkingDay).toList();
    LocalDate lateBatchDay = days.get(Math.max(0, days.size() - LATE_BATCH_WORKING_DAYS));
    int day = 0;
    boolean listed = false;
    for (LocalDate d : days) {
      at(d, 7, 0);
      runDueJobs(); // the reporting round opens the month's reports from the 20th
      at(d, 8, 30);
      runDueJobs(); // the ladder's sweep
      at(d, 10, 0);
      if (day == 1) {
        dispatch(code -> code.startsWith(CHAPTER));
      }
      if (d.equals(lateBatchDay)) {
        lateBatch.addAll(catalogue.findActive().stream().map(KeyTask::code).filter(c -> c.startsWith(LATE_BATCH))
            .limit(3).toList());
        lateBatch.forEach(keyTasks::start);
        runDueJobs();
        dispatch(lateBatch::contains);
      }
      signAssignments(day);
      draftAndReviewPlans(day, d.plusDays(1).isEqual(today) || !d.plusDays(1).isBefore(today));
      fileReports(d);
      at(d, 15, 0);
      reviewReports(d);
      if (!listed && day > 40) {
        listed = listOneRedItem();
      }
      runDueJobs();
      day++;
    }
  }

  // ------------------------------------------------------------------ the lead

  private void dispatch(java.util.function.Predicate<String> codes) {
    for (Task t : tasks.createTaskQuery().processDefinitionKey(KeyTaskProcess.KEY)
        .taskDefinitionKey(KeyTaskProcess.Element.dispatchKeyTask.name()).list()) {
      String code = (String) runtime.getVariable(t.getProcessInstanceId(), KeyTaskProcess.Vars.TASK_CODE.name());
      if (code != null && codes.test(code)) {
        Map<String, Object> vars = new HashMap<>(Map.of(KeyTaskProcess.Vars.DISPATCH_NOTE.name(), "请按时签收，每月20日后报送进展。"));
        // the plan's deadlines of 2025 are past by now: the lead sets this year's work plan's
        Object deadline = runtime.getVariable(t.getProcessInstanceId(), KeyTaskProcess.Vars.DEADLINE.name());
        if (deadline instanceof Date d && WorkingDayCalendar.day(d).isBefore(calendar.today().plusMonths(MONTHS + 3))) {
          vars.put(DispatchGuard.NEW_DEADLINE, calendar.today().plusMonths(MONTHS + 8).withDayOfMonth(1).minusDays(1).toString());
        }
        complete("lead", t, vars);
      }
    }
  }

  private boolean listOneRedItem() {
    for (String county : NEVER_FILES) {
      for (var p : runtime.createProcessInstanceQuery().processDefinitionKey(CountyAssignmentProcess.KEY).list()) {
        SupervisionCase c = cases.find(p.getBusinessKey()).orElse(null);
        if (c != null && county.equals(c.county()) && c.level() == WarningLevel.RED && !c.listed()) {
          as("lead", () -> runtime.startProcessInstanceByKey(ListedSupervisionProcess.KEY, Map.of(
              ListedSupervisionProcess.Vars.ITEM_KEY.name(), c.businessKey(),
              "listingReason", "连续三个月未报送进展，已亮红牌，仍未整改到位，挂牌督办")));
          return true;
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ counties and units

  private void signAssignments(int day) {
    for (Task t : tasks.createTaskQuery().processDefinitionKey(CountyAssignmentProcess.KEY)
        .taskDefinitionKey(CountyAssignmentProcess.Element.acceptAssignment.name()).orderByTaskId().asc().list()) {
      String party = party(t);
      int created = workingDaysSince(t.getCreateTime());
      boolean late = "lintao".equals(party) && index(t, party) < 2;
      boolean never = NEVER_FILES.contains(party) && index(t, party) < 2;
      String code = (String) runtime.getVariable(t.getProcessInstanceId(), KeyTaskProcess.Vars.TASK_CODE.name());
      boolean unsignedLate = lateBatch.contains(code) && LATE_BATCH_UNSIGNED.contains(party);
      if (never || unsignedLate || (late ? created < 12 : created < 1)) {
        continue;
      }
      complete(party, t, Map.of("responsiblePerson", "张伟", "responsiblePhone", "0932-8212345"));
    }
  }

  private void draftAndReviewPlans(int day, boolean lastDay) {
    for (Task t : tasks.createTaskQuery().processDefinitionKey(RectificationItemProcess.KEY)
        .taskDefinitionKey("draftRectificationPlan").list()) {
      String party = party(t);
      boolean draft = NEVER_FILES.contains(party) ? false : "minxian".equals(party) ? lastDay : day >= 2;
      if (draft) {
        complete(party, t, Map.of("planMeasures", "排查问题清单，制定整改台账，落实责任单位和整改措施，逐项销号",
            "planGoal", "按期完成整改并通过验收", "planDeadline", LocalDate.now(WorkingDayCalendar.ZONE).plusMonths(7)
                .withDayOfMonth(1).minusDays(1).toString(), "planLeader", "分管副县长"));
      }
    }
    for (Task t : tasks.createTaskQuery().processDefinitionKey(RectificationItemProcess.KEY)
        .taskDefinitionKey("reviewRectificationPlan").list()) {
      if (workingDaysSince(t.getCreateTime()) >= 1) {
        complete("lead", t, Map.of("planDecision", "approve"));
      }
    }
  }

  private void fileReports(LocalDate d) {
    for (Task t : tasks.createTaskQuery().processDefinitionKey(PeriodicReportProcess.KEY)
        .taskDefinitionKey(PeriodicReportProcess.Element.submitPeriodicReport.name()).list()) {
      String party = party(t);
      if (NEVER_FILES.contains(party)) {
        continue;
      }
      boolean due = t.getDueDate() != null && !d.isBefore(WorkingDayCalendar.day(t.getDueDate()));
      if (FILES_LATE.contains(party) ? !d.isAfter(WorkingDayCalendar.day(t.getDueDate()).plusDays(3))
          : workingDaysSince(t.getCreateTime()) < 1 && !due) {
        continue;
      }
      String key = runtime.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult()
          .getBusinessKey();
      boolean lagging = lagging(party, t.getProcessInstanceId());
      for (ReportRow r : reports.rows(key)) {
        if (r.editable()) {
          int expected = r.expectedProgress() == null ? 50 : r.expectedProgress();
          int progress = lagging ? Math.max(5, expected - 25) : Math.min(95, expected + 5);
          reports.saveValues(RowValues.draft(r, progress, "按整改方案推进，本期完成阶段性工作并形成工作台账",
              lagging ? "资金和项目审批进度滞后" : null, "继续按序时推进", null, false, null, null));
        }
      }
      complete(party, t, Map.of("filledBy", "李娜", "countyLeader", "王强"));
    }
  }

  private void reviewReports(LocalDate d) {
    for (Task t : tasks.createTaskQuery().processDefinitionKey(PeriodicReportProcess.KEY)
        .taskDefinitionKey(PeriodicReportProcess.Element.reviewReportRows.name()).list()) {
      if (workingDaysSince(t.getCreateTime()) < 1) {
        continue;
      }
      String group = tasks.getIdentityLinksForTask(t.getId()).stream().map(IdentityLink::getGroupId)
          .filter(g -> g != null && g.startsWith(OrgDirectory.UNIT_GROUP_PREFIX)).findFirst().orElse(null);
      if (group == null) {
        continue;
      }
      String key = runtime.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult()
          .getBusinessKey();
      String party = (String) runtime.getVariable(t.getProcessInstanceId(), PeriodicReportProcess.Vars.PARTY.name());
      boolean lagging = lagging(party, t.getProcessInstanceId());
      for (ReportRow r : reports.rows(key)) {
        if (group.equals(r.reviewGroup()) && ReportRow.SUBMITTED.equals(r.state())) {
          reports.saveReview(key, r.caseKey(), RowReviewGuard.APPROVE,
              lagging ? ReportRow.LAGGING : ReportRow.ON_PACE, lagging ? "进度明显滞后，请加快推进" : null);
        }
      }
      complete(group.substring(OrgDirectory.UNIT_GROUP_PREFIX.length()), t, Map.of());
    }
  }

  /** 通渭县 falls behind last month: judged 滞后 once, a yellow card now (twice in a row would be red). */
  private boolean lagging(String party, String reportInstanceId) {
    String period = (String) runtime.getVariable(reportInstanceId, PeriodicReportProcess.Vars.PERIOD.name());
    return LAGS.contains(party) && period != null
        && !YearMonth.parse(period).isBefore(YearMonth.now(WorkingDayCalendar.ZONE).minusMonths(1));
  }

  // ------------------------------------------------------------------ the engine's clock and jobs

  /** Runs every due job but the mail deliveries (the job executor sends those after), until none is left. */
  private void runDueJobs() {
    for (int round = 0; round < 200; round++) {
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(j -> !SendNoticeProcess.KEY.equals(j.getProcessDefinitionKey()) && !failedJobs.contains(j.getId()))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job j : due) {
        try {
          management.executeJob(j.getId());
        } catch (RuntimeException e) {
          failedJobs.add(j.getId());
          LOG.warn("Demo history: job {} ({}) failed: {}", j.getId(), j.getProcessDefinitionKey(), e.getMessage());
        }
      }
    }
  }

  private void complete(String user, Task t, Map<String, Object> variables) {
    try {
      as(user, () -> {
        tasks.complete(t.getId(), new HashMap<>(variables));
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("Demo history: {} could not complete 「{}」 ({}): {}", user, t.getName(), t.getId(), e.getMessage());
    }
  }

  private <T> T as(String user, java.util.function.Supplier<T> action) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  private String party(Task t) {
    return tasks.getIdentityLinksForTask(t.getId()).stream().map(IdentityLink::getGroupId).filter(g -> g != null)
        .map(g -> g.startsWith(OrgDirectory.COUNTY_GROUP_PREFIX) ? g.substring(OrgDirectory.COUNTY_GROUP_PREFIX.length())
            : g.startsWith(OrgDirectory.UNIT_GROUP_PREFIX) ? g.substring(OrgDirectory.UNIT_GROUP_PREFIX.length()) : null)
        .filter(p -> p != null).findFirst().orElse("lead");
  }

  /** The task's place among the party's open tasks of its kind (by id): who is late is decided by it. */
  private int index(Task t, String party) {
    int i = 0;
    for (Task o : tasks.createTaskQuery().taskDefinitionKey(t.getTaskDefinitionKey())
        .taskCandidateGroup(OrgDirectory.COUNTY_GROUP_PREFIX + party).orderByTaskId().asc().list()) {
      if (o.getId().equals(t.getId())) {
        return i;
      }
      i++;
    }
    return i;
  }

  private int workingDaysSince(Date created) {
    LocalDate from = WorkingDayCalendar.day(created);
    LocalDate now = calendar.today();
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(now); d = d.plusDays(1)) {
      if (calendar.isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }

  private LocalDate workingDayFrom(LocalDate d) {
    while (!calendar.isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private static void at(LocalDate d, int hour, int minute) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(d, java.time.LocalTime.of(hour, minute))
        .atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

}
