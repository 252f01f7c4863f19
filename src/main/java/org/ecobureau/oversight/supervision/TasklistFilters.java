package org.ecobureau.oversight.supervision;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess.Element;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.Grants;
import org.ecobureau.oversight.identity.IdentitySetup;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every user finds on first login, shared with the groups that need them.
 * What a filter shows is further limited by authorization: a county sees only its own tasks.
 */
@Component
public class TasklistFilters {

  public static final String MY_WORK = "我的待办";
  public static final String COUNTY_WORK = "本县待办";
  public static final String TO_REVIEW = "待我审核";
  public static final String DUE_SOON = "即将到期";
  public static final String OVERDUE = "已逾期";
  public static final String WARNED = "已逾期/预警";
  public static final String ALL_READ_ONLY = "全部待办（只读）";
  public static final String TO_DISPATCH = "待交办（按编号）";
  /** Per county, for leads and the supervision office: 县区·安定区. */
  public static final String BY_COUNTY = "县区·";
  /** The plan's chapters (the first number of a task's code), as the lead's 待交办 filters name them. */
  static final Map<String, String> CHAPTERS = new java.util.LinkedHashMap<>();
  static {
    CHAPTERS.put("2", "减污降碳");
    CHAPTERS.put("3", "蓝天保卫战");
    CHAPTERS.put("4", "碧水保卫战");
    CHAPTERS.put("5", "净土保卫战");
    CHAPTERS.put("6", "生态保护");
    CHAPTERS.put("7", "治理体系和能力");
    CHAPTERS.put("8", "保障措施");
  }

  static final Map<String, String> WARNING_COLUMN = Map.of("name", "warningLevelName", "label", "预警等级");
  static final List<Map<String, String>> COLUMNS = List.of(
      Map.of("name", "taskCode", "label", "编号"),
      Map.of("name", "taskTitle", "label", "任务/问题"),
      Map.of("name", "countyName", "label", "县区"),
      Map.of("name", "periodLabel", "label", "报告期"),
      Map.of("name", "rowCount", "label", "报送事项数"),
      WARNING_COLUMN);

  private final FilterService filterService;
  private final TaskService taskService;
  private final OrgDirectory org;
  private final Grants grants;
  private final IdentitySetup identitySetup;

  public TasklistFilters(FilterService filterService, TaskService taskService, OrgDirectory org,
      Grants grants, IdentitySetup identitySetup) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.org = org;
    this.grants = grants;
    this.identitySetup = identitySetup;
  }

  public void apply() {
    List<String> everyone = identitySetup.allWorkflowGroups();
    List<String> reviewers = new ArrayList<>();
    org.units().forEach(u -> reviewers.add(u.groupId()));
    reviewers.add(OrgDirectory.LEAD_GROUP);

    filter(MY_WORK, -20, "#1f6feb", "分配给我或我所在组的全部待办",
        taskService.createTaskQuery().taskCandidateUserExpression("${currentUser()}").includeAssignedTasks(),
        everyone);
    for (County c : org.counties()) {
      filter(COUNTY_WORK + "（" + c.name() + "）", -10, "#2da44e", c.name() + "的全部待办",
          taskService.createTaskQuery().taskCandidateGroup(c.groupId()).includeAssignedTasks(),
          List.of(c.groupId()));
    }
    filter(TO_REVIEW, -5, "#8250df", "待我审核的进展报告和销号申请",
        taskService.createTaskQuery().taskCandidateUserExpression("${currentUser()}").includeAssignedTasks()
            .taskDefinitionKeyIn("reviewReportRows", Element.confirmNotConcerned.name(),
                Element.reviewCompletionClaim.name(), Element.signOffAssignment.name(), "reviewRectificationPlan",
                "acceptRectification", "signOffRectification", "reviewLookBack"),
        reviewers);
    filter(DUE_SOON, 0, "#bf8700", "3天内到期的待办",
        taskService.createTaskQuery().dueAfterExpression("${now()}")
            .dueBeforeExpression("${dateTime().plusDays(3).toDate()}"),
        everyone);
    filter(OVERDUE, 5, "#cf222e", "已超过办理时限的待办",
        taskService.createTaskQuery().dueBeforeExpression("${now()}"),
        everyone);
    // Leads, lead units (and the supervision office): every open task of an item on the escalation ladder (提醒 and up),
    // as far as they may read it (lead units read the county tasks of the items they lead).
    filter(WARNED, 6, "#9a6700", "处于预警（临期提醒、逾期催办、黄牌、红牌、挂牌督办）的任务和整改问题的待办",
        taskService.createTaskQuery().processVariableValueNotEquals("warningLevel", "none"),
        withSupervisors(reviewers));
    // The city-wide readers: every open task, to look at (the supervision office completes none of
    // the counties' tasks)
    filter(ALL_READ_ONLY, 8, "#57606a", "全市全部待办，供市局领导和督查室查看（只读）",
        taskService.createTaskQuery(), List.of(OrgDirectory.LEAD_GROUP, OrgDirectory.SUPERVISOR_GROUP));
    // The city-wide readers, per county: the county's own tasks and the city's tasks about it
    // (reviews, sign-offs, measures: countyName on the instance), by due date
    int countyPriority = 30;
    for (County c : org.counties()) {
      filter(BY_COUNTY + c.name(), countyPriority++, "#2da44e", c.name() + "的待办及市级对其事项的审核、督办（只读查看）",
          taskService.createTaskQuery().or().taskCandidateGroup(c.groupId())
              .processVariableValueEquals("countyName", c.name()).endOr(),
          List.of(OrgDirectory.LEAD_GROUP, OrgDirectory.SUPERVISOR_GROUP));
    }
    // The lead's 交办: every task not yet dispatched in code order (the task's name carries its code,
    // see TaskTitles), and the same per chapter of the plan
    String dispatch = KeyTaskProcess.Element.dispatchKeyTask.name();
    filter(TO_DISPATCH, 10, "#0969da", "尚未交办的重点任务，按任务编号排列",
        taskService.createTaskQuery().taskDefinitionKey(dispatch), List.of(OrgDirectory.LEAD_GROUP), true);
    int priority = 11;
    for (var chapter : CHAPTERS.entrySet()) {
      filter("待交办·第" + chapter.getKey() + "章 " + chapter.getValue(), priority++, "#0969da",
          "第" + chapter.getKey() + "章（" + chapter.getValue() + "）尚未交办的重点任务，按任务编号排列",
          taskService.createTaskQuery().taskDefinitionKey(dispatch).taskNameLike("% " + chapter.getKey() + ".%"),
          List.of(OrgDirectory.LEAD_GROUP), true);
    }
  }

  private static List<String> withSupervisors(List<String> groups) {
    List<String> all = new ArrayList<>(groups);
    all.add(OrgDirectory.SUPERVISOR_GROUP);
    return all;
  }

  private void filter(String name, int priority, String color, String description, TaskQuery query,
      List<String> groups) {
    filter(name, priority, color, description, query, groups, false);
  }

  private void filter(String name, int priority, String color, String description, TaskQuery query,
      List<String> groups, boolean byName) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("description", description);
      props.put("priority", priority);
      props.put("color", color);
      props.put("refresh", true);
      props.put("variables", new ArrayList<>(COLUMNS));
      filter.setProperties(props);
      filter.setQuery(byName ? query.orderByTaskName().asc() : query.orderByDueDate().asc());
      filterService.saveFilter(filter);
    } else if (!COLUMNS.equals(filter.getProperties().get("variables"))) {
      // filters of an earlier release get today's columns (the ladder's level, the periodic report's)
      Map<String, Object> props = new LinkedHashMap<>(filter.getProperties());
      props.put("variables", new ArrayList<>(COLUMNS));
      filter.setProperties(props);
      filterService.saveFilter(filter);
    }
    for (String g : groups) {
      grants.toGroup(g, FILTER, filter.getId(), READ);
    }
  }
}
