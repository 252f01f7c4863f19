package org.ecobureau.oversight.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.catalogue.KeyTask;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Service;

/**
 * 批量交办: the lead dispatches every open 交办重点任务 of a chapter (or all of them) at once, each to
 * the counties and units the catalogue proposes, as if the form were completed unchanged. Each task
 * is completed on its own (the dispatch guard decides, as for the form); one refused task (no
 * proposed party, a retired task) is named and the others go ahead. The preview lists what would
 * be dispatched, for the confirmation.
 */
@Service
public class BulkDispatch {

  public record Planned(String code, String title, String counties, String units) {}

  public record Refused(String code, String message) {}

  public record Result(int dispatched, List<String> codes, List<Refused> refused) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final OrgDirectory org;

  public BulkDispatch(TaskService tasks, RuntimeService runtime, OrgDirectory org) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.org = org;
  }

  /** The open 交办 tasks of the chapter ("3"), or of every chapter for null or blank, in code order. */
  public List<Planned> preview(String chapter) {
    List<Planned> planned = new ArrayList<>();
    for (Task t : open(chapter)) {
      Map<String, Object> v = runtime.getVariables(t.getProcessInstanceId(), List.of(KeyTaskProcess.Vars.TASK_CODE.name(),
          KeyTaskProcess.Vars.TASK_TITLE.name(), KeyTaskProcess.Vars.PROPOSED_COUNTIES.name(),
          KeyTaskProcess.Vars.PROPOSED_UNITS.name()));
      planned.add(new Planned((String) v.get("taskCode"), (String) v.get("taskTitle"),
          org.countyNames(OrgDirectory.splitList((String) v.get("proposedCounties"))),
          org.unitNames(OrgDirectory.splitList((String) v.get("proposedUnits")))));
    }
    planned.sort((a, b) -> KeyTask.compareCodes(a.code(), b.code()));
    return planned;
  }

  /** Dispatches them; the caller is the engine's authenticated user (a lead). */
  public Result dispatch(String chapter) {
    List<String> done = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (Task t : open(chapter)) {
      String code = (String) runtime.getVariable(t.getProcessInstanceId(), KeyTaskProcess.Vars.TASK_CODE.name());
      try {
        tasks.complete(t.getId(), Map.of());
        done.add(code);
      } catch (RuntimeException e) {
        refused.add(new Refused(code, e.getMessage()));
      }
    }
    done.sort(KeyTask::compareCodes);
    return new Result(done.size(), done, refused);
  }

  private List<Task> open(String chapter) {
    var query = tasks.createTaskQuery().processDefinitionKey(KeyTaskProcess.KEY)
        .taskDefinitionKey(KeyTaskProcess.Element.dispatchKeyTask.name());
    if (chapter != null && !chapter.isBlank()) {
      if (!chapter.strip().matches("[0-9]{1,2}")) {
        throw new org.ecobureau.oversight.web.ApiErrors.BadRequestException("chapter: 应为章号，如 3");
      }
      query.processVariableValueLike(KeyTaskProcess.Vars.TASK_CODE.name(), chapter.strip() + ".%");
    }
    return query.list();
  }
}
