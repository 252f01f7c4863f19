package org.ecobureau.oversight.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.OversightApplication;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.assignment.KeyTaskStarter;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.ecobureau.oversight.catalogue.KeyTask;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.DemoUsers;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.reporting.PeriodicReport;
import org.ecobureau.oversight.reporting.PeriodicReportProcess;
import org.ecobureau.oversight.reporting.PeriodicReportService;
import org.ecobureau.oversight.reporting.ReportRepository;
import org.ecobureau.oversight.reporting.ReportRow;
import org.ecobureau.oversight.reporting.ReportingRound;
import org.ecobureau.oversight.support.LeaveNothingRunning;
import org.ecobureau.oversight.supervision.TasklistFilters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Durability and clustering, with the application started by hand (not through the Spring test
 * context cache) so that one test can stop a node and start another on the same database, or run
 * two nodes on one database side by side. Jobs are driven explicitly with the engine clock; the job
 * executor stays off, as in every test.
 *
 * <p>Two nodes running a job exactly once is the work of the job executor's acquisition (a job is
 * first locked for one node, then executed), not of {@code ManagementService.executeJob}, which
 * runs any job it is given without locking it: called for one job by two nodes at once it sends
 * the mail twice and commits once. Both are shown here.
 *
 * <p>Each node gets an engine name of its own: the engines of other integration tests living in
 * this JVM are registered as "default" in Camunda's static {@code ProcessEngines} registry (which
 * the REST API resolves), and a node of ours registered or closed under that name would replace or
 * remove theirs. GreenMail listens on a free port handed to the nodes, so a concurrent build using
 * the default test port 3025 does not steal our mails.
 */
class DurabilityIT {

  private static final Logger LOG = LoggerFactory.getLogger(DurabilityIT.class);

  @RegisterExtension
  static final GreenMailExtension SMTP = org.ecobureau.oversight.support.TestSmtp.perMethod();

  /** Monday 2026-11-02 09:00 Beijing time, a working day. */
  static final LocalDateTime START = LocalDateTime.of(2026, 11, 2, 9, 0);
  static final int BUNDLED_TASKS = 162;
  static final String MAIL_DOMAIN = DemoUsers.DOMAIN;
  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  /** Row counts that a start-up on an existing database must leave as they are. */
  static final List<String> STARTUP_TABLES = List.of("ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF",
      "ACT_GE_BYTEARRAY", "ACT_ID_GROUP", "ACT_ID_USER", "ACT_ID_MEMBERSHIP", "ACT_RU_AUTHORIZATION",
      "ACT_RU_FILTER", "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_JOB", "ACT_RU_VARIABLE",
      "OV_KEY_TASK", "OV_LOCK", "OV_PERIODIC_REPORT", "OV_REPORT_ROW", "OV_REPORT_FILE");

  @TempDir Path tmp;

  final List<Node> nodes = new ArrayList<>();

  @BeforeEach
  void clock() {
    setNow(START);
  }

  @AfterEach
  void stopNodes() {
    ClockUtil.reset();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    nodes.clear();
  }

  // ------------------------------------------------------------------------------------------
  // 1. restart

  @Test
  void restartKeepsTasksTimersAndPendingMails() throws Exception {
    String url = "jdbc:h2:file:" + tmp.resolve("oversight").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";

    // ---- first life: dispatch 3.2.1 to two counties; carry 2.1.1 (weiyuan) into its public notice
    Node first = start("restart1", url, "sa", "");
    assertThat(first.bean(CatalogueRepository.class).countActive()).isEqualTo(BUNDLED_TASKS);

    ProcessInstance keyTask = first.bean(KeyTaskStarter.class).start("3.2.1").orElseThrow();
    Task dispatch = first.singleTask(keyTask.getId());
    assertThat(dispatch.getTaskDefinitionKey()).isEqualTo(KeyTaskProcess.Element.dispatchKeyTask.name());
    first.completeAs("lead", dispatch.getId(), Map.of("assignedCounties", "anding,longxi"));

    Map<String, Task> acceptsBefore = first.acceptTasks("KT-3.2.1:%");
    assertThat(acceptsBefore).containsOnlyKeys("KT-3.2.1:anding", "KT-3.2.1:longxi");
    List<Job> noticesBefore = first.noticeJobs("KT-3.2.1:%");
    // R5/PT10M in send-notice.bpmn: five attempts, none made yet
    assertThat(noticesBefore).hasSize(2).allSatisfy(j -> assertThat(j.getRetries()).isEqualTo(5));

    String timerInstance = carryToPublicNotice(first, "2.1.1", "weiyuan");
    Job timerBefore = first.management().createJobQuery().processInstanceId(timerInstance).timers().singleResult();
    assertThat(timerBefore).isNotNull();
    assertThat(timerBefore.getDuedate()).isEqualTo(first.runtime().getVariable(timerInstance, "publicNoticeEndsAt"))
        .isAfter(ClockUtil.getCurrentTime());
    // weiyuan's own dispatch notice goes out in the first life (to the cooperating unit too), 3.2.1's stay pending
    assertThat(first.deliver(first.noticeJobs("KT-2.1.1:weiyuan"))).isEqualTo(1);
    assertThat(sent()).containsOnlyKeys(first.noticeId("KT-2.1.1:weiyuan"));
    assertThat(sent().values()).containsExactly(List.of("weiyuan" + MAIL_DOMAIN, "sthj" + MAIL_DOMAIN));

    List<Job> cleanupBefore = first.history().findHistoryCleanupJobs();
    Map<String, Long> rowsBefore = first.rowCounts();

    DataSource firstPool = first.bean(DataSource.class);
    first.close();   // the node stops; only the database file remains
    // every connection closed, so H2 has closed the database: the next node reads it from the file
    assertThat(firstPool).isInstanceOfSatisfying(HikariDataSource.class,
        pool -> assertThat(pool.isClosed()).as("connection pool of the stopped node closed").isTrue());

    // ---- second life: a new node on the same file
    Node second = start("restart2", url, "sa", "");

    // start-up on the existing database duplicated nothing
    assertThat(second.rowCounts()).isEqualTo(rowsBefore);
    assertThat(second.bean(CatalogueRepository.class).countActive()).isEqualTo(BUNDLED_TASKS);
    second.assertFiltersExistOnce();
    assertThat(second.history().findHistoryCleanupJobs()).extracting(Job::getId)
        .containsExactlyElementsOf(cleanupBefore.stream().map(Job::getId).toList());

    // the key task still waits at its call activity, with the same two accept tasks
    assertThat(second.runtime().getActiveActivityIds(keyTask.getId()))
        .containsOnly(KeyTaskProcess.Element.runCountyAssignments.name());
    Map<String, Task> acceptsAfter = second.acceptTasks("KT-3.2.1:%");
    assertThat(acceptsAfter).containsOnlyKeys(acceptsBefore.keySet());
    for (String bk : acceptsBefore.keySet()) {
      Task before = acceptsBefore.get(bk);
      Task after = acceptsAfter.get(bk);
      assertThat(after.getId()).as("task id of %s", bk).isEqualTo(before.getId());
      assertThat(after.getDueDate()).as("due date of %s", bk).isEqualTo(before.getDueDate());
      assertThat(after.getFollowUpDate()).as("follow-up date of %s", bk).isEqualTo(before.getFollowUpDate());
      assertThat(second.tasks().getIdentityLinksForTask(after.getId())).extracting(l -> l.getGroupId())
          .containsExactly("county-" + bk.substring(bk.indexOf(':') + 1));
    }

    // the public-notice timer is the same job with the same due date, and fires on the clock
    Job timerAfter = second.management().createJobQuery().processInstanceId(timerInstance).timers().singleResult();
    assertThat(timerAfter.getId()).isEqualTo(timerBefore.getId());
    assertThat(timerAfter.getDuedate()).isEqualTo(timerBefore.getDuedate());
    // weiyuan's November report is filed and closed: its row claimed completion with evidence, approved
    ReportRepository reports = second.bean(ReportRepository.class);
    String reportKey = PeriodicReportProcess.businessKey("weiyuan", NOVEMBER);
    assertThat(reports.findReport(reportKey).orElseThrow().state()).isEqualTo(PeriodicReport.CLOSED);
    ReportRow row = reports.row(reportKey, "KT-2.1.1:weiyuan").orElseThrow();
    assertThat(row.state()).isEqualTo(ReportRow.APPROVED);
    assertThat(row.claim()).isTrue();
    assertThat(row.judgement()).isEqualTo(ReportRow.DONE);
    assertThat(reports.filesOfCase("KT-2.1.1:weiyuan")).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("现场照片.pdf");
      assertThat(new String(reports.content(f.id()), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 evidence");
    });

    // the two notices are still pending (nothing was sent) and go out once executed
    List<Job> noticesAfter = second.noticeJobs("KT-3.2.1:%");
    assertThat(noticesAfter).extracting(Job::getId)
        .containsExactlyInAnyOrderElementsOf(noticesBefore.stream().map(Job::getId).toList());
    assertThat(noticesAfter).allSatisfy(j -> assertThat(j.getRetries()).isEqualTo(5));
    assertThat(sent()).hasSize(1);
    assertThat(second.deliver(noticesAfter)).isEqualTo(2);
    // one mail per notice, to its county (first) and 3.2.1's cooperating units
    assertThat(sent().values()).extracting(to -> to.get(0)).containsExactlyInAnyOrder("weiyuan" + MAIL_DOMAIN,
        "anding" + MAIL_DOMAIN, "longxi" + MAIL_DOMAIN);
    assertThat(sent().get(second.noticeId("KT-3.2.1:anding"))).containsExactly("anding" + MAIL_DOMAIN,
        "gxj" + MAIL_DOMAIN, "jtj" + MAIL_DOMAIN, "swuj" + MAIL_DOMAIN);
    assertThat(second.noticeJobs("KT-3.2.1:%")).isEmpty();

    setNow(LocalDateTime.ofInstant(timerAfter.getDuedate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1));
    second.management().executeJob(timerAfter.getId());
    assertThat(second.singleTask(timerInstance).getTaskDefinitionKey())
        .isEqualTo(CountyAssignmentProcess.Element.signOffAssignment.name());
    setNow(START);

    // the demo's startAll on the existing database starts the rest, but not 3.2.1 again
    List<String> started = second.bean(KeyTaskStarter.class).startAll();
    assertThat(started).doesNotContain("3.2.1", "2.1.1").hasSize(BUNDLED_TASKS - 2);
    assertThat(second.runtime().createProcessInstanceQuery().processDefinitionKey(KeyTaskProcess.KEY)
        .processInstanceBusinessKey("KT-3.2.1").count()).isEqualTo(1);
    assertThat(second.bean(KeyTaskStarter.class).startAll()).isEmpty();

    // a step refused mid-transaction leaves nothing behind
    String anding = acceptsBefore.get("KT-3.2.1:anding").getId();
    String andingInstance = acceptsBefore.get("KT-3.2.1:anding").getProcessInstanceId();
    assertThatThrownBy(() -> second.completeAs("anding", anding,
        Map.of("responsiblePerson", "张伟", "responsiblePhone", "12345")))
        .isInstanceOf(FieldValidationException.class)
        .satisfies(e -> assertThat(((FieldValidationException) e).getField()).isEqualTo("responsiblePhone"));
    assertThat(second.tasks().createTaskQuery().taskId(anding).singleResult()).isNotNull();
    assertThat(second.singleTask(andingInstance).getId()).isEqualTo(anding);
    assertThat(second.runtime().getVariables(andingInstance))
        .doesNotContainKeys("responsiblePhone", "responsiblePerson");
    assertThat(second.history().createHistoricTaskInstanceQuery().taskId(anding).finished().count()).isZero();
    assertThat(second.noticeJobs("KT-3.2.1:%")).isEmpty();
  }

  /**
   * Dispatches {@code code} to one county (the departments that carry it get their assignments too)
   * and walks the county's assignment into its public notice: accepted, reported in the county's
   * November report with a row claiming completion and its evidence, the row and the claim
   * approved by the lead unit.
   */
  String carryToPublicNotice(Node node, String code, String county) {
    ProcessInstance pi = node.bean(KeyTaskStarter.class).start(code).orElseThrow();
    node.completeAs("lead", node.singleTask(pi.getId()).getId(), Map.of("assignedCounties", county));
    String bk = CountyAssignmentProcess.businessKey(code, county);
    String assignment = node.runtime().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .processInstanceBusinessKey(bk).singleResult().getId();
    String reviewerGroup = OrgDirectory.splitList((String) node.runtime().getVariable(assignment, "reviewerGroups")).get(0);
    String reviewer = reviewerGroup.substring(OrgDirectory.UNIT_GROUP_PREFIX.length());

    node.completeAs(county, node.singleTask(assignment).getId(),
        Map.of("responsiblePerson", "王芳", "responsiblePhone", "0932-8212345"));
    assertThat(node.bean(ReportingRound.class).open(NOVEMBER)).isEqualTo(1);
    String reportKey = PeriodicReportProcess.businessKey(county, NOVEMBER);
    PeriodicReportService reports = node.bean(PeriodicReportService.class);
    Task report = node.reportTask(reportKey);
    node.as(county, () -> {
      reports.saveRow(report.getId(), bk, Map.of("progress", 100, "workDone", "全部完成", "claim", true,
          "claimType", "completed", "claimSummary", "已全部完成"));
      reports.upload(report.getId(), bk, "现场照片.pdf", "%PDF-1.4 evidence".getBytes(StandardCharsets.UTF_8));
    });
    node.completeAs(county, report.getId(), Map.of("filledBy", "李娜", "countyLeader", "王强"));
    Task review = node.reportTask(reportKey);
    node.as(reviewer, () -> reports.saveReview(review.getId(), bk, Map.of("decision", "approve", "judgement", "已完成")));
    node.completeAs(reviewer, review.getId(), Map.of());
    node.completeAs(reviewer, node.singleTask(assignment).getId(), Map.of("claimDecision", "approve"));
    assertThat(node.runtime().getActiveActivityIds(assignment))
        .containsExactly(CountyAssignmentProcess.Element.publicNoticeRunning.name());
    return assignment;
  }

  // ------------------------------------------------------------------------------------------
  // 2. two nodes on one database

  @Test
  void twoNodesOnOneDatabaseDeliverEachMailOnce() throws Exception {
    String url = "jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Cluster cluster = cluster(url, "sa", "", true);
    deliverOnceAndShareState(cluster);
  }

  /** The same against PostgreSQL, when the CI provides one (OVERSIGHT_TEST_DB_URL). */
  @Test
  void twoNodesOnOnePostgresDatabaseDeliverEachMailOnce() throws Exception {
    String url = System.getenv("OVERSIGHT_TEST_DB_URL");
    Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql:"),
        "OVERSIGHT_TEST_DB_URL is not a PostgreSQL URL");
    Cluster cluster = cluster(url, Objects.requireNonNullElse(System.getenv("OVERSIGHT_TEST_DB_USER"), "postgres"),
        Objects.requireNonNullElse(System.getenv("OVERSIGHT_TEST_DB_PASSWORD"), ""), false);
    try {
      deliverOnceAndShareState(cluster);
    } finally {
      // the database is shared with the other integration tests: end our assignments and our report
      LeaveNothingRunning.endOwn(cluster.a().runtime(), cluster.businessKey() + ":%");
      LeaveNothingRunning.endOwn(cluster.a().runtime(), cluster.businessKey());
      LeaveNothingRunning.endOwn(cluster.a().runtime(), PeriodicReportProcess.businessKey("anding", NOVEMBER));
    }
  }

  /**
   * What {@code ManagementService.executeJob} does when two nodes call it for the same job at the
   * same moment: it does not lock the job first (only the job executor's acquisition does), so
   * both run the delegate and both may send the mail; only one commits, the other fails. Every
   * job's effect is committed once, and a duplicate mail carries the same Message-ID as the
   * original (see MailDelivery), so a receiving server can drop it. Exactly one mail per notice is
   * what {@link #twoNodesOnOneDatabaseDeliverEachMailOnce} proves for the way jobs really run.
   */
  @Test
  void executeJobOnTwoNodesAtOnceCommitsOnceAndRepeatsTheMessageId() throws Exception {
    String url = "jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Cluster c = cluster(url, "sa", "", true);

    List<String> losers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (Job job : c.notices()) {
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Throwable> onA = pool.submit(() -> executeTogether(together, c.a(), job.getId()));
        Future<Throwable> onB = pool.submit(() -> executeTogether(together, c.b(), job.getId()));
        Throwable fa = onA.get(60, SECONDS);
        Throwable fb = onB.get(60, SECONDS);
        assertThat(Stream.of(fa, fb).filter(Objects::isNull).count())
            .as("nodes whose executeJob(%s) returned", job.getId()).isEqualTo(1);
        // the loser fails with an OptimisticLockingException at commit, or, when the winner committed
        // while it was still running, finding its execution gone; its mail has gone out either way
        Throwable loser = fa != null ? fa : fb;
        losers.add(loser instanceof OptimisticLockingException ? "optimistic-locking" : "late: " + loser.getMessage());
      }
    } finally {
      pool.shutdownNow();
    }

    // committed once: no job left, seven finished notices, each delivered once in the database
    assertThat(c.a().noticeJobs(c.businessKey() + ":%")).isEmpty();
    List<HistoricProcessInstance> done = c.a().history().createHistoricProcessInstanceQuery()
        .processDefinitionKey(SendNoticeProcess.KEY).processInstanceBusinessKeyLike(c.businessKey() + ":%")
        .completed().list();
    assertThat(done).hasSize(7);
    for (HistoricProcessInstance notice : done) {
      assertThat(c.a().history().createHistoricVariableInstanceQuery().processInstanceId(notice.getId())
          .variableName("deliveredTo").count()).isEqualTo(1);
    }

    // sent at least once, possibly twice, and every copy of a notice has its Message-ID (the server
    // stores one copy per addressee: the county and the task's cooperating unit)
    Map<String, List<String>> byMessageId = new LinkedHashMap<>();
    Map<String, Integer> addressees = new LinkedHashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      byMessageId.computeIfAbsent(m.getMessageID(), k -> new ArrayList<>()).add(m.getAllRecipients()[0].toString());
      addressees.put(m.getMessageID(), m.getAllRecipients().length);
    }
    assertThat(byMessageId).hasSize(7);
    byMessageId.forEach((id, copies) -> assertThat(copies).as("copies of %s", id)
        .hasSizeBetween(addressees.get(id), 2 * addressees.get(id)).containsOnly(copies.get(0)));
    assertThat(byMessageId.values().stream().map(copies -> copies.get(0)).toList())
        .containsExactlyInAnyOrderElementsOf(c.addresses());
    LOG.info("executeJob raced on two nodes: losers {}; {} mails for 7 notices", losers,
        SMTP.getReceivedMessages().length);
  }

  record Cluster(Node a, Node b, String businessKey, List<Job> notices, List<String> addresses) {}

  /**
   * Nodes A and B on one database, A started completely before B; A dispatches a key task to all
   * seven counties, which leaves seven pending notices.
   *
   * @param fresh whether the database is ours alone (H2); a PostgreSQL database of the CI is shared
   *     with the other integration tests, whose catalogue import may have replaced the bundled one
   */
  Cluster cluster(String url, String user, String password, boolean fresh) {
    Node a = start("nodeA" + shortId(), url, user, password);
    Map<String, Long> afterA = a.rowCounts();
    Node b = start("nodeB" + shortId(), url, user, password);

    // B found everything done
    assertThat(b.rowCounts()).isEqualTo(afterA);
    b.assertFiltersExistOnce();
    assertThat(b.history().findHistoryCleanupJobs()).hasSize(1);
    if (fresh) {
      assertThat(b.bean(CatalogueRepository.class).countActive()).isEqualTo(BUNDLED_TASKS);
    }

    List<String> counties = a.bean(OrgDirectory.class).counties().stream().map(County::code).toList();
    assertThat(counties).hasSize(7);
    ProcessInstance keyTask = fresh
        ? a.bean(KeyTaskStarter.class).start("4.1.4").orElseThrow()
        : startKeyTask(a, "DUR-" + shortId(), counties);
    String bk = keyTask.getBusinessKey();
    a.completeAs("lead", a.singleTask(keyTask.getId()).getId(), Map.of("assignedCounties", String.join(",", counties)));
    List<Job> notices = a.noticeJobs(bk + ":%");
    assertThat(notices).hasSize(7);
    assertThat(b.noticeJobs(bk + ":%")).extracting(Job::getId)
        .containsExactlyInAnyOrderElementsOf(notices.stream().map(Job::getId).toList());
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    return new Cluster(a, b, bk, notices, counties.stream().map(county -> county + MAIL_DOMAIN).toList());
  }

  /**
   * Both nodes work the jobs at the same moment the way their job executors would: each first
   * acquires (locks with its own lock owner) what it finds due, then executes what it acquired.
   * The job executor itself stays off; acquisition and execution are called here directly.
   */
  void deliverOnceAndShareState(Cluster c) throws Exception {
    Set<String> ours = c.notices().stream().map(Job::getId).collect(Collectors.toSet());
    Map<String, String> executedBy = new ConcurrentHashMap<>();
    List<String> twice = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20 && !c.a().noticeJobs(c.businessKey() + ":%").isEmpty(); round++) {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<?>> work = new ArrayList<>();
        for (Node node : List.of(c.a(), c.b())) {
          work.add(pool.submit(() -> {
            together.await(30, SECONDS);
            for (String jobId : acquire(node)) {
              if (ours.contains(jobId)) {   // a shared PostgreSQL may hold other tests' jobs
                if (executedBy.putIfAbsent(jobId, node.name) != null) {
                  twice.add(jobId);
                }
                node.management().executeJob(jobId);
              }
            }
            return null;
          }));
        }
        for (Future<?> f : work) {
          f.get(60, SECONDS);
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(twice).as("jobs acquired by both nodes").isEmpty();
    assertThat(executedBy).containsOnlyKeys(ours);
    LOG.info("Jobs executed per node: {}", executedBy.values().stream()
        .collect(Collectors.groupingBy(n -> n, Collectors.counting())));
    assertThat(c.a().noticeJobs(c.businessKey() + ":%")).isEmpty();
    assertThat(c.b().noticeJobs(c.businessKey() + ":%")).isEmpty();
    // each notice sent once: one mail to its county (first) and the task's cooperating units, if any
    Map<String, List<String>> mails = sent();
    assertThat(mails.values()).extracting(to -> to.get(0)).containsExactlyInAnyOrderElementsOf(c.addresses());
    assertThat(SMTP.getReceivedMessages()).as("one copy per addressee of each mail")
        .hasSize(mails.values().stream().mapToInt(List::size).sum());

    // shared state: a county accepts on B, A sees its next task
    String anding = c.businessKey() + ":anding";
    Task accept = c.b().acceptTasks(anding).get(anding);
    c.b().completeAs("anding", accept.getId(), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    assertThat(c.a().runtime().createExecutionQuery().processInstanceId(accept.getProcessInstanceId())
        .activityId(CountyAssignmentProcess.Element.carryingOut.name()).count()).isEqualTo(1);
    assertThat(c.a().runtime().getVariable(accept.getProcessInstanceId(), "responsiblePhone")).isEqualTo("13909321234");
    assertThat(c.a().acceptTasks(anding)).isEmpty();
    assertThat(c.a().noticeJobs(c.businessKey() + ":%")).isEmpty();

    // the county's next task is its periodic report: the round runs on A (as the daily timer may on
    // either node), anding files on B, and A sees the lead unit's review of the row
    c.a().bean(ReportingRound.class).open(NOVEMBER);
    String reportKey = PeriodicReportProcess.businessKey("anding", NOVEMBER);
    Task report = c.b().reportTask(reportKey);
    assertThat(report.getTaskDefinitionKey()).isEqualTo(PeriodicReportProcess.Element.submitPeriodicReport.name());
    assertThat(c.b().bean(ReportRepository.class).rows(reportKey)).extracting(ReportRow::caseKey).contains(anding);
    PeriodicReportService reports = c.b().bean(PeriodicReportService.class);
    c.b().as("anding", () -> c.b().bean(ReportRepository.class).rows(reportKey).forEach(r ->
        reports.saveRow(report.getId(), r.caseKey(), Map.of("progress", 30, "workDone", "完成排查"))));
    c.b().completeAs("anding", report.getId(), Map.of("filledBy", "李娜", "countyLeader", "王强"));
    String reviewer = OrgDirectory.splitList((String) c.a().runtime().getVariable(accept.getProcessInstanceId(),
        "reviewerGroups")).get(0);
    Task review = c.a().tasks().createTaskQuery().processInstanceBusinessKey(reportKey)
        .taskDefinitionKey(PeriodicReportProcess.Element.reviewReportRows.name()).taskCandidateGroup(reviewer)
        .singleResult();
    assertThat(review).as("the review of %s's rows, seen on A", reviewer).isNotNull();
    assertThat(c.a().bean(ReportRepository.class).row(reportKey, anding).orElseThrow().state())
        .isEqualTo(ReportRow.SUBMITTED);
  }

  /**
   * One acquisition of the node's job executor (which is not started): locks up to
   * {@code maxJobsPerAcquisition} (3) due jobs with the node's lock owner; a job the other node locked
   * first is skipped.
   */
  static List<String> acquire(Node node) {
    ProcessEngineConfigurationImpl cfg = (ProcessEngineConfigurationImpl) node.engine().getProcessEngineConfiguration();
    AcquiredJobs acquired = cfg.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(cfg.getJobExecutor()));
    return acquired.getJobIdBatches().stream().flatMap(List::stream).toList();
  }

  static Throwable executeTogether(CyclicBarrier together, Node node, String jobId) throws Exception {
    together.await(30, SECONDS);
    try {
      node.management().executeJob(jobId);
      return null;
    } catch (ProcessEngineException e) {
      return e;
    }
  }

  /** A key task of our own (PostgreSQL run): the shared catalogue may hold other tasks by now. */
  static ProcessInstance startKeyTask(Node node, String code, List<String> counties) {
    var vars = Variables.createVariables()
        .putValue("taskCode", code)
        .putValue("taskTitle", "集群测试" + code)
        .putValue("taskContent", "测试内容")
        .putValue("leadUnits", "sthj")
        .putValue("leadUnitNames", "市生态环境局")
        .putValue("proposedCounties", String.join(",", counties))
        .putValue("assignedCounties", String.join(",", counties))
        .putValue("standing", false)
        .putValue("cadence", KeyTask.MONTHLY)
        .putValue("deadline", Date.from(LocalDateTime.of(2027, 6, 30, 23, 59).atZone(WorkingDayCalendar.ZONE).toInstant()));
    return node.runtime().startProcessInstanceByKey(KeyTaskProcess.KEY, KeyTaskProcess.businessKey(code), vars);
  }

  // ------------------------------------------------------------------------------------------
  // nodes

  /** @param name the engine's name: letters and digits (Camunda ignores a name with a hyphen) */
  Node start(String name, String url, String user, String password) {
    assertThat(name).matches("[A-Za-z0-9]+");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(OversightApplication.class)
        .profiles("test")
        // command-line arguments, so that they win over application-test.yaml
        // a servlet application on a free port: the Camunda REST starter needs the servlet stack
        .run("--server.port=0",
            "--spring.main.banner-mode=off",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + SMTP.getSmtp().getPort(),
            "--camunda.bpm.process-engine-name=" + name,
            "--camunda.bpm.job-execution.enabled=false");
    assertThat(context.getBean(ProcessEngine.class).getName()).isEqualTo(name);
    Node node = new Node(name, context);
    nodes.add(node);
    return node;
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static void setNow(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  /**
   * The mails received, by Message-ID (one per notice), with their addressees in order (the county
   * first). The server stores one copy per addressee; copies of one mail count once here.
   */
  static Map<String, List<String>> sent() throws MessagingException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      List<String> to = new ArrayList<>();
      for (var r : m.getAllRecipients()) {
        to.add(r.toString());
      }
      out.putIfAbsent(m.getMessageID(), to);
    }
    return out;
  }

  /** One application instance; closing it is stopping the node. */
  static final class Node implements AutoCloseable {

    final String name;
    final ConfigurableApplicationContext context;

    Node(String name, ConfigurableApplicationContext context) {
      this.name = name;
      this.context = context;
    }

    <T> T bean(Class<T> type) {
      return context.getBean(type);
    }

    ProcessEngine engine() {
      return bean(ProcessEngine.class);
    }

    RuntimeService runtime() {
      return engine().getRuntimeService();
    }

    TaskService tasks() {
      return engine().getTaskService();
    }

    ManagementService management() {
      return engine().getManagementService();
    }

    HistoryService history() {
      return engine().getHistoryService();
    }

    IdentityService identity() {
      return engine().getIdentityService();
    }

    FilterService filters() {
      return engine().getFilterService();
    }

    /** Completes a task as the user (with the user's groups), like Tasklist would. */
    void completeAs(String userId, String taskId, Map<String, Object> variables) {
      identity().setAuthentication(userId,
          identity().createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
      try {
        tasks().complete(taskId, variables);
      } finally {
        identity().clearAuthentication();
      }
    }

    /** Calls a bean of the report forms' API as the /api filter would: with the user and their groups. */
    void as(String userId, Runnable call) {
      identity().setAuthentication(userId,
          identity().createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
      try {
        call.run();
      } finally {
        identity().clearAuthentication();
      }
    }

    /** The one open task of a periodic report. */
    Task reportTask(String reportKey) {
      List<Task> list = tasks().createTaskQuery().processInstanceBusinessKey(reportKey).list();
      assertThat(list).as("open tasks of %s on %s", reportKey, name).hasSize(1);
      return list.get(0);
    }

    /** The Message-ID of the mail of the one notice requested about {@code businessKey}. */
    String noticeId(String businessKey) {
      var notice = history().createHistoricProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
          .processInstanceBusinessKey(businessKey).singleResult();
      return "<" + history().createHistoricVariableInstanceQuery().processInstanceId(notice.getId())
          .variableName("noticeId").singleResult().getValue() + "@pollution-oversight>";
    }

    Task singleTask(String processInstanceId) {
      List<Task> list = tasks().createTaskQuery().processInstanceId(processInstanceId).list();
      assertThat(list).as("open tasks of %s on %s", processInstanceId, name).hasSize(1);
      return list.get(0);
    }

    /** Accept tasks by business key of their county assignment. */
    Map<String, Task> acceptTasks(String businessKeyLike) {
      Map<String, Task> out = new LinkedHashMap<>();
      for (ProcessInstance p : runtime().createProcessInstanceQuery()
          .processDefinitionKey(CountyAssignmentProcess.KEY).processInstanceBusinessKeyLike(businessKeyLike).list()) {
        for (Task t : tasks().createTaskQuery().processInstanceId(p.getId())
            .taskDefinitionKey(CountyAssignmentProcess.Element.acceptAssignment.name()).list()) {
          assertThat(out.put(p.getBusinessKey(), t)).as("one accept task for %s", p.getBusinessKey()).isNull();
        }
      }
      return out;
    }

    /** Pending mail-delivery jobs of the notices about items with these business keys. */
    List<Job> noticeJobs(String businessKeyLike) {
      List<Job> out = new ArrayList<>();
      for (ProcessInstance notice : runtime().createProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
          .processInstanceBusinessKeyLike(businessKeyLike).list()) {
        out.addAll(management().createJobQuery().processInstanceId(notice.getId()).list());
      }
      return out;
    }

    int deliver(List<Job> jobs) {
      for (Job j : jobs) {
        management().executeJob(j.getId());
      }
      return jobs.size();
    }

    void assertFiltersExistOnce() {
      List<String> names = new ArrayList<>(List.of(TasklistFilters.MY_WORK, TasklistFilters.TO_REVIEW,
          TasklistFilters.DUE_SOON, TasklistFilters.OVERDUE));
      bean(OrgDirectory.class).counties().forEach(c -> names.add(TasklistFilters.COUNTY_WORK + "（" + c.name() + "）"));
      for (String n : names) {
        assertThat(filters().createFilterQuery().filterName(n).count()).as("filters named %s", n).isEqualTo(1);
      }
    }

    Map<String, Long> rowCounts() {
      JdbcTemplate jdbc = bean(JdbcTemplate.class);
      Map<String, Long> out = new LinkedHashMap<>();
      for (String table : STARTUP_TABLES) {
        out.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
      }
      return out;
    }

    @Override
    public void close() {
      if (context.isActive()) {
        context.close();
      }
    }
  }
}
