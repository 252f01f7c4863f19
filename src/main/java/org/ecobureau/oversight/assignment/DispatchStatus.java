package org.ecobureau.oversight.assignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.ecobureau.oversight.assignment.KeyTaskProcess.Element;
import org.ecobureau.oversight.assignment.KeyTaskProcess.Vars;
import org.springframework.stereotype.Service;

/**
 * Which catalogue tasks are dispatched (已交办), read from the key-task instances: a task is
 * dispatched once the lead completed its 交办重点任务; the counties and departments it went to are
 * what that completion confirmed. Read from the engine's history (two queries whatever the size of
 * the catalogue) without the caller's authorizations: the catalogue's dispatch state is the same
 * for everyone who may read the catalogue.
 */
@Service
public class DispatchStatus {

  /**
   * @param counties the county names it was dispatched to (责任县区)
   * @param units    the city departments that carry it themselves (承办部门)
   * @param closed   its key task is closed (结项)
   */
  public record Dispatched(String code, java.util.Date dispatchedAt, List<String> counties, List<String> units,
      boolean closed) {}

  private final HistoryService historyService;
  private final IdentityService identityService;

  public DispatchStatus(HistoryService historyService, IdentityService identityService) {
    this.historyService = historyService;
    this.identityService = identityService;
  }

  /** The dispatched tasks by code, in code order. */
  public Map<String, Dispatched> dispatched() {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      List<HistoricTaskInstance> done = historyService.createHistoricTaskInstanceQuery()
          .processDefinitionKey(KeyTaskProcess.KEY).taskDefinitionKey(Element.dispatchKeyTask.name()).finished()
          .list().stream().filter(t -> "completed".equals(t.getDeleteReason())).toList();
      if (done.isEmpty()) {
        return Map.of();
      }
      Map<String, HistoricTaskInstance> byInstance = new LinkedHashMap<>();
      done.forEach(t -> byInstance.put(t.getProcessInstanceId(), t));
      Map<String, Map<String, Object>> vars = new HashMap<>();
      for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(byInstance.keySet().toArray(String[]::new))
          .variableNameIn(Vars.TASK_CODE.name(), Vars.ASSIGNED_COUNTY_NAMES.name(), Vars.ASSIGNED_UNIT_NAMES.name())
          .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        // the key task's own variables, not those of a called assignment
        if (v.getExecutionId() == null || v.getExecutionId().equals(v.getProcessInstanceId())) {
          vars.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        }
      }
      java.util.Set<String> closed = new java.util.HashSet<>();
      historyService.createHistoricProcessInstanceQuery().processInstanceIds(byInstance.keySet()).finished().list()
          .forEach(p -> closed.add(p.getId()));
      Map<String, Dispatched> out = new TreeMap<>(org.ecobureau.oversight.catalogue.KeyTask::compareCodes);
      byInstance.forEach((pid, task) -> {
        Map<String, Object> v = vars.getOrDefault(pid, Map.of());
        Object code = v.get(Vars.TASK_CODE.name());
        if (code != null) {
          out.put(code.toString(), new Dispatched(code.toString(), task.getEndTime(),
              names(v.get(Vars.ASSIGNED_COUNTY_NAMES.name())), names(v.get(Vars.ASSIGNED_UNIT_NAMES.name())),
              closed.contains(pid)));
        }
      });
      return out;
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private static List<String> names(Object text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String s : text.toString().split("[、,，]")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return out;
  }
}
