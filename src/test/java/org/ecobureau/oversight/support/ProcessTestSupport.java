package org.ecobureau.oversight.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the process tests: the whole application on an in-memory H2, job executor off (jobs
 * and timers are driven here with the engine clock), a real SMTP server (GreenMail) and the
 * process-coverage listener whose floor each test class sets with {@link ProcessCoverage}.
 * Subclasses add no configuration of their own, so they all share one Spring context (and one
 * database): start instances under keys of your own ({@link Assignments#nextCode}) and query by
 * them; what a class leaves running is ended after it ({@link LeaveNothingRunning}).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, ProcessCoverageFloors.class})
@TestExecutionListeners(value = {ProcessCoverageFloors.RunningClass.class, ProcessEngineCoverageTestExecutionListener.class,
    LeaveNothingRunning.class},
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestSupport {

  @RegisterExtension
  protected static final GreenMailExtension SMTP = org.ecobureau.oversight.support.TestSmtp.perMethod();

  @Autowired protected RuntimeService runtimeService;
  @Autowired protected TaskService taskService;
  @Autowired protected ManagementService managementService;
  @Autowired protected IdentityService identityService;

  /** Monday 2026-11-02 09:00 Beijing time, a working day. */
  protected static final LocalDateTime START = LocalDateTime.of(2026, 11, 2, 9, 0);

  @Autowired protected org.camunda.bpm.engine.ProcessEngine processEngine;

  @BeforeEach
  void setClock() {
    // several Spring contexts (each its own engine) live in one test JVM: assert against ours
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(processEngine);
    setNow(START);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identityService.clearAuthentication();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset();
  }

  protected static void setNow(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(WorkingDayCalendar.ZONE).toInstant()));
  }

  /** The single open task of an instance. */
  protected Task task(String processInstanceId) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(processInstanceId).list();
    assertThat(tasks).as("open tasks of %s", processInstanceId).hasSize(1);
    return tasks.get(0);
  }

  /** Completes a task as the given user (with that user's groups), like Tasklist would. */
  protected void completeAs(String userId, Task task, Map<String, Object> variables) {
    identityService.setAuthentication(userId,
        identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Runs every due job (mail deliveries, timers) as the job executor would, once. */
  protected int executeDueJobs() {
    int n = 0;
    for (Job job : managementService.createJobQuery().executable().list()) {
      managementService.executeJob(job.getId());
      n++;
    }
    return n;
  }

  /**
   * Runs the escalation ladder's daily sweep at 08:30 of that day as the job executor would: its
   * timer job, then its asynchronous batches until none is left.
   */
  protected void sweepLadderOn(java.time.LocalDate day) {
    setNow(day.atTime(8, 30));
    Job timer = managementService.createJobQuery()
        .processDefinitionKey(org.ecobureau.oversight.escalation.EscalationSweepProcess.KEY).timers().singleResult();
    managementService.executeJob(timer.getId());
    for (int i = 0; i < 1000; i++) {
      List<Job> batches = managementService.createJobQuery()
          .processDefinitionKey(org.ecobureau.oversight.escalation.EscalationSweepProcess.KEY).messages().list();
      if (batches.isEmpty()) {
        return;
      }
      batches.forEach(j -> managementService.executeJob(j.getId()));
    }
    throw new IllegalStateException("the sweep did not finish");
  }

  /** Delivers the notices requested about one item (its send-notice jobs), as the job executor would. */
  protected int deliverNotices(String businessKey) {
    int n = 0;
    for (var notice : runtimeService.createProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
        .processInstanceBusinessKey(businessKey).list()) {
      for (Job job : managementService.createJobQuery().processInstanceId(notice.getId()).executable().list()) {
        managementService.executeJob(job.getId());
        n++;
      }
    }
    return n;
  }
}
