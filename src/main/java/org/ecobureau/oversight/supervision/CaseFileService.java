package org.ecobureau.oversight.supervision;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.supervision.CaseFile.Entry;
import org.ecobureau.oversight.supervision.CaseFile.Kind;
import org.springframework.stereotype.Service;

/**
 * 一案一档: reads the history of one item (any process instance of the application, found by its
 * business key) from the engine's history: every completed user task with who completed it,
 * the decision, comments, evidence files and the fields filled in, and the milestones of the
 * diagram (start, timers, messages, end).
 *
 * <p>The caller is the user authenticated on the engine ({@link IdentityService#setAuthentication},
 * done by the /api filter). The item is looked up with that authentication in place, so the
 * caller only finds what the engine lets them read (a county its own assignments, a lead unit
 * the items it leads, leads and supervisors everything); anything else, and any call without an
 * authenticated user, is reported as not found. The details are then read without further
 * authorization checks.
 */
@Service
public class CaseFileService {

  /**
   * The labels of what people fill in, as the processes' typed variables declare them (the forms
   * show the same), in the order they appear in a case file: these first, the rest of the labelled
   * variables in declaration order; unlabelled variables follow by name.
   */
  static final Map<String, String> LABELS = ordered(List.of("responsiblePerson", "responsiblePhone",
      "acceptanceAnswer", "notConcernedReason", "claimType", "completionSummary", "objectionChannel", "assignedCountyNames", "deadline", "dispatchNote"),
      org.ecobureau.oversight.common.Var.labels(
          org.ecobureau.oversight.assignment.CountyAssignmentProcess.Vars.class,
          org.ecobureau.oversight.assignment.KeyTaskProcess.Vars.class,
          org.ecobureau.oversight.rectification.RectificationItemProcess.Vars.class,
          org.ecobureau.oversight.signoff.FileObjectionProcess.Vars.class));

  /** Variables the engine or the guards keep for themselves: never shown as filled in. */
  static final Set<String> INTERNAL = Set.of("reportId", "reopenReason", "signedOffBy", "signedOffAt",
      "closure", "expectedPeriod", "publicNoticeEndsAt", "county", "countyName", "countyGroup",
      "reviewerGroups", "countyOptions", "assignedCounties", "proposedCounties", "leadUnits",
      "itemKey", "claimReport");

  static final String OBJECTION = "objection";

  /** Operations of the engine's user operation log that are operator actions, as people read them. */
  static final Map<String, String> OPERATOR_ACTIONS = Map.ofEntries(
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SUSPEND, "挂起流程"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ACTIVATE, "激活流程"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SUSPEND_JOB, "挂起作业"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_JOB, "激活作业"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_EXECUTE, "手动执行作业（如提前触发定时器）"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES, "设置作业重试次数"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE, "修改作业到期时间"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_RECALC_DUEDATE, "重算作业到期时间"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_PRIORITY, "修改作业优先级"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, "修改流程变量"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES, "修改流程变量"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE, "修改流程变量"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE, "删除流程变量"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE, "调整流程节点"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE, "删除流程实例"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_MIGRATE, "迁移流程实例"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CREATE_INCIDENT, "创建事件"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_RESOLVE, "解决事件"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE, "手动发送消息"));

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final org.ecobureau.oversight.escalation.CaseRepository ladder;

  private final org.ecobureau.oversight.reporting.ReportRepository reports;

  public CaseFileService(HistoryService historyService, IdentityService identityService,
      org.ecobureau.oversight.escalation.CaseRepository ladder, org.ecobureau.oversight.reporting.ReportRepository reports) {
    this.reports = reports;
    this.ladder = ladder;
    this.historyService = historyService;
    this.identityService = identityService;
  }

  /**
   * The case file of the item with this business key, as far as the current user may see it.
   *
   * @throws CaseFileNotFoundException when there is no such item, the current user may not read
   *     it, or no user is authenticated
   */
  public CaseFile caseFile(String businessKey) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null || businessKey == null || businessKey.isBlank()) {
      throw new CaseFileNotFoundException(businessKey);
    }
    // With the caller's authentication in place: finds only what the caller may read.
    List<HistoricProcessInstance> visible = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).list();
    HistoricProcessInstance instance = pick(visible);
    if (instance == null) {
      throw new CaseFileNotFoundException(businessKey);
    }
    identityService.clearAuthentication();
    try {
      return read(instance);
    } finally {
      identityService.setAuthentication(caller);
    }
  }

  /**
   * The whole case file of an item, whoever asks: for the system's own use (a referral for
   * accountability attaches it), never answered to a caller.
   */
  public CaseFile caseFileOfRecord(String businessKey) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      HistoricProcessInstance instance = pick(historyService.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(businessKey).list());
      if (instance == null) {
        throw new CaseFileNotFoundException(businessKey);
      }
      return read(instance);
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /**
   * The item among the instances sharing a business key: never a mail notice; the top-level
   * instance (without a super process instance) when there are several; the latest started when
   * that still leaves several.
   */
  static final java.util.Set<String> CASE_PROCESSES = java.util.Set.of(
      org.ecobureau.oversight.assignment.KeyTaskProcess.KEY,
      org.ecobureau.oversight.assignment.CountyAssignmentProcess.KEY,
      org.ecobureau.oversight.rectification.RectificationItemProcess.KEY);

  static HistoricProcessInstance pick(List<HistoricProcessInstance> instances) {
    // the case itself, not a notice, summons, listing or extension request about it
    List<HistoricProcessInstance> items = instances.stream()
        .filter(p -> CASE_PROCESSES.contains(p.getProcessDefinitionKey())).toList();
    if (items.size() > 1) {
      List<HistoricProcessInstance> top = items.stream().filter(p -> p.getSuperProcessInstanceId() == null).toList();
      if (!top.isEmpty()) {
        items = top;
      }
    }
    return items.stream().max(Comparator.comparing(HistoricProcessInstance::getStartTime)).orElse(null);
  }

  // ------------------------------------------------------------------ reading the history

  private CaseFile read(HistoricProcessInstance pi) {
    String pid = pi.getId();

    // Every element of the instance in the order it was entered: ties in time are broken by it.
    List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(pid).orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc().list();
    Map<String, Integer> occurrence = new HashMap<>();
    for (int i = 0; i < activities.size(); i++) {
      occurrence.put(activities.get(i).getId(), i);
    }

    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(pid).finished().list().stream()
        .filter(t -> "completed".equals(t.getDeleteReason())).toList();
    Map<String, String> activityInstanceOfTask = new HashMap<>();
    tasks.forEach(t -> activityInstanceOfTask.put(t.getId(), t.getActivityInstanceId()));

    // Variable updates by the activity instance that made them. Variables passed when a task is
    // completed, and those its listeners set, carry the task's activity instance id.
    Map<String, List<HistoricVariableUpdate>> updatesByActivity = new HashMap<>();
    List<HistoricVariableUpdate> allUpdates = new ArrayList<>();
    for (HistoricDetail d : historyService.createHistoricDetailQuery().processInstanceId(pid).variableUpdates()
        .disableBinaryFetching().disableCustomObjectDeserialization()
        .orderByTime().asc().orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) d;
      allUpdates.add(u);
      String activityInstance = u.getTaskId() != null && activityInstanceOfTask.containsKey(u.getTaskId())
          ? activityInstanceOfTask.get(u.getTaskId()) : u.getActivityInstanceId();
      if (activityInstance != null) {
        updatesByActivity.computeIfAbsent(activityInstance, k -> new ArrayList<>()).add(u);
      }
    }

    Map<String, String> names = new HashMap<>();
    List<Sorted> entries = new ArrayList<>();

    // a task under its step's name as the diagram gives it (Tasklist's title adds the item, TaskTitles)
    Map<String, String> stepNames = new HashMap<>();
    activities.forEach(a -> stepNames.put(a.getId(), a.getActivityName()));
    for (HistoricTaskInstance t : tasks) {
      String userId = completedBy(t);
      Values values = values(updatesByActivity.getOrDefault(t.getActivityInstanceId(), List.of()));
      entries.add(new Sorted(occurrence.getOrDefault(t.getActivityInstanceId(), Integer.MAX_VALUE),
          new Entry(time(t.getEndTime()), Kind.TASK,
              java.util.Objects.requireNonNullElse(stepNames.get(t.getActivityInstanceId()), t.getName()),
              t.getTaskDefinitionKey(), userId,
              userName(userId, names), values.decision, values.comment, values.evidence, values.fields)));
    }

    for (HistoricActivityInstance a : activities) {
      if (!isMilestone(a)) {
        continue;
      }
      boolean start = isStart(a.getActivityType());
      Date when = start ? a.getStartTime() : a.getEndTime();
      if (when == null) {
        continue; // still waiting
      }
      List<HistoricVariableUpdate> own = new ArrayList<>(updatesByActivity.getOrDefault(a.getId(), List.of()));
      if (ActivityTypes.INTERMEDIATE_EVENT_MESSAGE.equals(a.getActivityType())) {
        objectionAt(allUpdates, a).ifPresent(own::add);
      }
      Values values = start ? Values.NONE : values(own);
      String userId = start ? pi.getStartUserId() : null;
      entries.add(new Sorted(occurrence.get(a.getId()),
          new Entry(time(when), Kind.MILESTONE, a.getActivityName(), a.getActivityId(), userId,
              userName(userId, names), values.decision, values.comment, values.evidence, values.fields)));
    }

    // its rows in the party's periodic reports: what was reported, and the lead unit's review
    if (pi.getBusinessKey() != null) {
      for (var e : reports.eventsOfCase(pi.getBusinessKey())) {
        entries.add(new Sorted(Integer.MAX_VALUE, reportEntry(e, names)));
      }
    }

    // the warning level's changes (escalation ladder), with their reason and who or what caused them
    if (pi.getBusinessKey() != null) {
      for (var e : ladder.events(pi.getBusinessKey())) {
        String userId = org.ecobureau.oversight.escalation.EscalationLadder.SYSTEM.equals(e.actor()) ? null : e.actor();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (e.dueDate() != null) {
          fields.put("办理时限", e.dueDate().toString());
        }
        entries.add(new Sorted(Integer.MAX_VALUE, new Entry(time(Date.from(e.at())), Kind.WARNING,
            "预警等级：" + e.from().label() + " → " + e.to().label(), null, userId, userName(userId, names), null,
            e.reason(), List.of(), fields)));
      }
    }

    // operator actions (Cockpit, REST as camunda-admin): suspension, variable edits, a timer run
    // early … each with who did it, so a cut-short public notice is not mistaken for a full one
    Map<String, List<UserOperationLogEntry>> operations = new java.util.LinkedHashMap<>();
    for (UserOperationLogEntry op : historyService.createUserOperationLogQuery().processInstanceId(pid)
        .orderByTimestamp().asc().list()) {
      if (OPERATOR_ACTIONS.containsKey(op.getOperationType())) {
        operations.computeIfAbsent(op.getOperationId(), k -> new ArrayList<>()).add(op);
      }
    }
    for (List<UserOperationLogEntry> op : operations.values()) {
      UserOperationLogEntry first = op.get(0);
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      for (UserOperationLogEntry change : op) {
        if (change.getProperty() != null) {
          fields.put(change.getProperty(), change.getNewValue() == null ? "" : change.getNewValue());
        }
      }
      entries.add(new Sorted(Integer.MAX_VALUE, new Entry(time(first.getTimestamp()), Kind.OPERATOR,
          "运维操作：" + OPERATOR_ACTIONS.get(first.getOperationType()), null, first.getUserId(),
          userName(first.getUserId(), names), null, null, List.of(), fields)));
    }

    entries.sort(Comparator.comparing((Sorted s) -> s.entry.time()).thenComparingInt(s -> s.occurrence));

    Map<String, Object> header = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(pid)
        .variableNameIn("taskCode", "taskTitle", "problemNo", "problem", "county", "countyName")
        .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
      if (v.getValue() != null && (v.getExecutionId() == null || pid.equals(v.getExecutionId())
          || !header.containsKey(v.getName()))) {
        header.put(v.getName(), v.getValue());
      }
    }

    return new CaseFile(pi.getBusinessKey(), pid, pi.getProcessDefinitionKey(), pi.getProcessDefinitionName(),
        text(firstNonNull(header.get("taskCode"), header.get("problemNo"))),
        text(firstNonNull(header.get("taskTitle"), header.get("problem"))),
        text(header.get("county")), text(header.get("countyName")), state(pi),
        time(pi.getStartTime()), time(pi.getEndTime()),
        entries.stream().map(s -> s.entry).toList());
  }

  private record Sorted(int occurrence, Entry entry) {}

  /** One submission or review of the item's row in a periodic report, as it was then. */
  private Entry reportEntry(org.ecobureau.oversight.reporting.ReportRepository.RowEvent e, Map<String, String> names) {
    var report = reports.findReport(e.reportKey()).orElse(null);
    String period = report == null ? "" : org.ecobureau.oversight.reporting.PeriodicReportProcess.periodLabel(
        java.time.YearMonth.parse(report.period()));
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    if (org.ecobureau.oversight.reporting.ReportRow.SUBMITTED.equals(e.event())) {
      fields.put("报告期", period);
      put(fields, "完成进度(%)", e.progress());
      put(fields, "序时进度(%)", e.expected());
      put(fields, "本期工作进展", e.workDone());
      put(fields, "存在问题", e.problems());
      put(fields, "下步打算", e.nextSteps());
      put(fields, "指标完成值", e.achieved());
      if (e.claim()) {
        fields.put("申请销号", org.ecobureau.oversight.reporting.RowValues.CLAIM_STANDING.equals(e.claimType())
            ? "长期坚持" : "是");
        put(fields, "完成情况说明", e.claimSummary());
      }
      if (report != null) {
        put(fields, "填报人", report.filledBy());
        put(fields, "分管领导审签", report.countyLeader());
      }
      List<String> evidence = e.files() == null ? List.of() : List.of(e.files().split("、"));
      return new Entry(time(Date.from(e.at())), Kind.TASK, (e.round() > 1 ? "退回重报（" : "进展报送（") + period + "）",
          org.ecobureau.oversight.reporting.PeriodicReportProcess.Element.submitPeriodicReport.name(), e.actor(),
          userName(e.actor(), names), null, null, evidence, fields);
    }
    boolean approved = org.ecobureau.oversight.reporting.ReportRow.APPROVED.equals(e.event());
    if (approved) {
      put(fields, "进度判定", e.judgement());
    }
    return new Entry(time(Date.from(e.at())), Kind.TASK, "审核进展报告（" + period + "）",
        org.ecobureau.oversight.reporting.PeriodicReportProcess.Element.reviewReportRows.name(), e.actor(),
        userName(e.actor(), names), approved ? "通过" : "退回", e.comment(), List.of(), fields);
  }

  private static void put(Map<String, String> fields, String label, Object value) {
    if (value != null && !String.valueOf(value).isBlank()) {
      fields.put(label, String.valueOf(value));
    }
  }

  /** The objection given with the message that this event caught (set when it was correlated). */
  private static java.util.Optional<HistoricVariableUpdate> objectionAt(List<HistoricVariableUpdate> updates,
      HistoricActivityInstance message) {
    HistoricVariableUpdate found = null;
    for (HistoricVariableUpdate u : updates) {
      if (OBJECTION.equals(u.getVariableName()) && !u.getTime().after(message.getEndTime())) {
        found = u;
      }
    }
    if (found == null || found.getTime().before(message.getStartTime()) || found.getValue() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(found);
  }

  private static boolean isMilestone(HistoricActivityInstance a) {
    String type = a.getActivityType();
    if (a.getActivityName() == null || a.getActivityName().isBlank() || type == null) {
      return false;
    }
    return isStart(type) || type.endsWith("EndEvent") || type.equals("endEvent")
        || ActivityTypes.INTERMEDIATE_EVENT_TIMER.equals(type)
        || ActivityTypes.INTERMEDIATE_EVENT_MESSAGE.equals(type)
        || ActivityTypes.INTERMEDIATE_EVENT_SIGNAL.equals(type)
        || ActivityTypes.INTERMEDIATE_EVENT_CONDITIONAL.equals(type)
        || type.startsWith("boundary");
  }

  private static boolean isStart(String type) {
    return type.equals(ActivityTypes.START_EVENT) || type.endsWith("StartEvent");
  }

  private String completedBy(HistoricTaskInstance t) {
    List<UserOperationLogEntry> log = historyService.createUserOperationLogQuery().taskId(t.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
    return log.stream().map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst()
        .orElse(t.getAssignee());
  }

  private String userName(String userId, Map<String, String> cache) {
    if (userId == null) {
      return null;
    }
    return cache.computeIfAbsent(userId, id -> {
      User u = identityService.createUserQuery().userId(id).singleResult();
      if (u == null) {
        return id;
      }
      String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
          + (u.getLastName() == null ? "" : u.getLastName())).trim();
      return name.isEmpty() ? id : name;
    });
  }

  private static String state(HistoricProcessInstance pi) {
    if (pi.getEndTime() == null) {
      return CaseFile.RUNNING;
    }
    return HistoricProcessInstance.STATE_COMPLETED.equals(pi.getState()) ? CaseFile.FINISHED : CaseFile.TERMINATED;
  }

  // ------------------------------------------------------------------ what a step recorded

  private record Values(String decision, String comment, List<String> evidence, Map<String, String> fields) {
    static final Values NONE = new Values(null, null, List.of(), Map.of());
  }

  /** Decision, comments, files and fields of the updates one step made (the last value of each). */
  private static Values values(List<HistoricVariableUpdate> updates) {
    Map<String, HistoricVariableUpdate> last = new LinkedHashMap<>();
    for (HistoricVariableUpdate u : updates) {
      last.put(u.getVariableName(), u);
    }
    String decision = null;
    List<String> comments = new ArrayList<>();
    List<String> files = new ArrayList<>();
    Map<String, String> known = new TreeMap<>(Comparator.comparingInt(CaseFileService::labelOrder));
    Map<String, String> other = new TreeMap<>();
    for (HistoricVariableUpdate u : last.values()) {
      String name = u.getVariableName();
      TypedValue typed = typed(u);
      Object value = typed instanceof SerializableValue sv && !sv.isDeserialized() ? sv.getValueSerialized()
          : typed == null ? null : typed.getValue();
      if (typed instanceof FileValue file) {
        if (file.getFilename() != null) {
          files.add(file.getFilename());
        }
        continue;
      }
      if (value == null || (value instanceof String s && s.isBlank())) {
        continue;
      }
      if (name.endsWith("Decision")) {
        if (decision == null) {
          decision = decisionText(value.toString());
        }
      } else if (name.endsWith("Comment") || OBJECTION.equals(name)) {
        comments.add(value.toString());
      } else if (!INTERNAL.contains(name)) {
        if (LABELS.containsKey(name)) {
          known.put(name, display(name, value));
        } else {
          other.put(name, display(name, value));
        }
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    known.forEach((name, v) -> fields.put(LABELS.get(name), v));
    other.forEach(fields::put);
    return new Values(decision, comments.isEmpty() ? null : String.join("；", comments), List.copyOf(files),
        java.util.Collections.unmodifiableMap(fields));
  }

  private static TypedValue typed(HistoricVariableUpdate u) {
    try {
      return u.getTypedValue();
    } catch (RuntimeException e) {
      return null; // a value that cannot be read (e.g. an unknown serialization) is left out
    }
  }

  private static int labelOrder(String name) {
    int i = 0;
    for (String k : LABELS.keySet()) {
      if (k.equals(name)) {
        return i;
      }
      i++;
    }
    return i;
  }

  static String decisionText(String decision) {
    return switch (decision) {
      case "approve" -> "通过";
      case "return" -> "退回";
      default -> decision;
    };
  }

  private static String display(String name, Object value) {
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (value instanceof Date d) {
      return DATE_TIME.format(d.toInstant().atZone(WorkingDayCalendar.ZONE));
    }
    if ("acceptanceAnswer".equals(name)) {
      return "notConcerned".equals(value) ? "不涉及" : "签收";
    }
    if ("claimType".equals(name)) {
      return switch (value.toString()) {
        case "completed" -> "已完成";
        case "standing" -> "长期坚持";
        default -> value.toString();
      };
    }
    return value.toString();
  }

  private static OffsetDateTime time(Date date) {
    return date == null ? null : date.toInstant().atZone(WorkingDayCalendar.ZONE).toOffsetDateTime();
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  private static Object firstNonNull(Object a, Object b) {
    return a != null ? a : b;
  }

  private static Map<String, String> ordered(List<String> first, Map<String, String> labels) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String name : first) {
      m.put(name, java.util.Objects.requireNonNull(labels.get(name), () -> name + " has no label on its Var"));
    }
    labels.forEach(m::putIfAbsent);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** No such item, or not for the current user: the two are not told apart. */
  public static class CaseFileNotFoundException extends RuntimeException {
    public CaseFileNotFoundException(String businessKey) {
      super("未找到事项 " + businessKey + "，或无权查看");
    }
  }
}
