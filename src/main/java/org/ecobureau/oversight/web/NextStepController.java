package org.ecobureau.oversight.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What follows a task the caller has just completed, for the notice Tasklist shows after 完成
 * ({@code app/tasklist/scripts/clerk-ux.js}): {@code GET /api/tasklist/next-step?taskId=<id>}.
 *
 * <p>Only the user who completed the task (its assignee) gets an answer; anyone else, or a task
 * that is unknown or still open, gets a 404. The answer names the open tasks of the task's process
 * instance and of the instances it called (e.g. every county's 签收任务 after a dispatch) and, when
 * the instance ended, of the instance that called it, each with who acts (candidate groups'
 * names, the assignee's name); when no task is open, the steps the instance waits in (e.g.
 * 办理中（按期报送进展）). Names only: no variables, no ids of other parties' tasks. The caller
 * usually may not read the next party's task itself, which is why this is read without the
 * caller's authorizations, after the check above.
 */
@RestController
@RequestMapping("/api/tasklist")
public class NextStepController {

  /** At most this many tasks are listed; more are counted. */
  static final int MAX_TASKS = 50;

  private final HistoryService historyService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  public NextStepController(HistoryService historyService, TaskService taskService, RuntimeService runtimeService,
      IdentityService identityService) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  /** One step that follows: a task's name and who acts on it, or a wait state (who is null). */
  public record Step(String name, List<String> who) {}

  /**
   * @param taskName        the completed task's name
   * @param processEnded    whether its process instance has ended (and nothing follows in a caller)
   * @param next            open tasks, one entry per task name, with who acts (in order of creation)
   * @param waitingAt       when no task is open: the steps the instance waits in
   * @param moreTasks       tasks beyond {@link #MAX_TASKS} not listed
   */
  public record NextStep(String taskName, boolean processEnded, List<Step> next, List<String> waitingAt,
      int moreTasks) {}

  @GetMapping(path = "/next-step", produces = MediaType.APPLICATION_JSON_VALUE)
  public NextStep nextStep(@RequestParam String taskId) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw new ApiErrors.ForbiddenException("需要登录");
    }
    identityService.clearAuthentication();
    try {
      HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
      if (done == null || done.getEndTime() == null || !caller.getUserId().equals(done.getAssignee())
          || done.getProcessInstanceId() == null) {
        throw new IllegalArgumentException("没有您刚办理完毕的这项任务");
      }
      return describe(done);
    } finally {
      identityService.setAuthentication(caller);
    }
  }

  private NextStep describe(HistoricTaskInstance done) {
    String instanceId = done.getProcessInstanceId();
    List<String> scope = new ArrayList<>();
    scope.add(instanceId);
    scope.addAll(calledInstances(instanceId));
    boolean active = isActive(instanceId);
    if (!active) {
      // the instance ended: what follows happens in the instance that called it, if any
      HistoricProcessInstance hpi = historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(instanceId).singleResult();
      String superId = hpi == null ? null : hpi.getSuperProcessInstanceId();
      if (superId != null && isActive(superId)) {
        scope.add(superId);
      }
    }
    List<Task> tasks = taskService.createTaskQuery().processInstanceIdIn(scope.toArray(String[]::new))
        .orderByTaskCreateTime().asc().listPage(0, MAX_TASKS);
    long total = taskService.createTaskQuery().processInstanceIdIn(scope.toArray(String[]::new)).count();
    Map<String, Set<String>> byName = new LinkedHashMap<>();
    for (Task t : tasks) {
      byName.computeIfAbsent(t.getName(), n -> new LinkedHashSet<>()).addAll(whoActs(t));
    }
    List<Step> next = byName.entrySet().stream().map(e -> new Step(e.getKey(), List.copyOf(e.getValue()))).toList();
    List<String> waitingAt = new ArrayList<>();
    if (next.isEmpty()) {
      for (String id : scope) {
        if (isActive(id)) {
          ActivityInstance tree = runtimeService.getActivityInstance(id);
          if (tree != null) {
            collectLeaves(tree, waitingAt);
          }
        }
      }
    }
    boolean ended = next.isEmpty() && scope.stream().noneMatch(this::isActive);
    return new NextStep(done.getName(), ended, next, List.copyOf(new LinkedHashSet<>(waitingAt)),
        (int) Math.max(0, total - tasks.size()));
  }

  /** The active instances this one called (call activities), one level down and their own. */
  private List<String> calledInstances(String instanceId) {
    List<String> found = new ArrayList<>();
    List<String> level = List.of(instanceId);
    for (int depth = 0; depth < 3 && !level.isEmpty(); depth++) {
      List<String> below = new ArrayList<>();
      for (String id : level) {
        runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).list().stream()
            .map(ProcessInstance::getId).forEach(below::add);
      }
      found.addAll(below);
      level = below;
    }
    return found;
  }

  private boolean isActive(String instanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count() > 0;
  }

  private List<String> whoActs(Task task) {
    List<String> who = new ArrayList<>();
    if (task.getAssignee() != null) {
      who.add(userName(task.getAssignee()));
      return who;
    }
    List<String> groupIds = new ArrayList<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getGroupId() != null) {
        groupIds.add(link.getGroupId());
      } else if (link.getUserId() != null) {
        who.add(userName(link.getUserId()));
      }
    }
    if (!groupIds.isEmpty()) {
      Map<String, String> names = new LinkedHashMap<>();
      for (Group g : identityService.createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).list()) {
        names.put(g.getId(), g.getName() == null || g.getName().isBlank() ? g.getId() : g.getName());
      }
      groupIds.forEach(id -> who.add(names.getOrDefault(id, id)));
    }
    return who;
  }

  private String userName(String userId) {
    User u = identityService.createUserQuery().userId(userId).singleResult();
    if (u == null) {
      return userId;
    }
    String name = ((u.getLastName() == null ? "" : u.getLastName()) + (u.getFirstName() == null ? "" : u.getFirstName()))
        .trim();
    return name.isEmpty() ? userId : name;
  }

  /** The innermost activities the instance waits in (a task, a receive task, a timer …), by name. */
  private static void collectLeaves(ActivityInstance node, List<String> into) {
    ActivityInstance[] children = node.getChildActivityInstances();
    if (children.length == 0) {
      if (node.getActivityName() != null && !node.getActivityName().isBlank()) {
        into.add(node.getActivityName());
      }
      return;
    }
    for (ActivityInstance c : children) {
      collectLeaves(c, into);
    }
  }
}
