package org.ecobureau.oversight.assignment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.KeyTaskProcess.Vars;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.ecobureau.oversight.catalogue.DeadlineParser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * Checks the lead's dispatch (交办): at least one known county; the deadline (or none, for a
 * standing task) decides whether the task is standing.
 */
@Component("dispatchGuard")
public class DispatchGuard implements TaskListener {

  /** Optional new deadline typed by the lead (YYYY-MM-DD or 长期坚持). */
  public static final String NEW_DEADLINE = "newDeadline";

  private final OrgDirectory org;
  private final CatalogueRepository catalogue;

  public DispatchGuard(OrgDirectory org, CatalogueRepository catalogue) {
    this.org = org;
    this.catalogue = catalogue;
  }

  @Override
  public void notify(DelegateTask task) {
    String code = Vars.TASK_CODE.get(task);
    if (code != null && catalogue.isRetired(code)) {
      throw new FieldValidationException(Vars.TASK_CODE.name(), "任务编号", "重点任务 " + code
          + " 已在最近一次目录导入中停用（新目录不含该任务），不能再交办；如仍需交办，请重新导入包含该任务的目录");
    }
    Vars.DISPATCH_NOTE.text(task, "交办说明", 1000);
    String text = Vars.ASSIGNED_COUNTIES.get(task);
    List<String> codes = new ArrayList<>(new LinkedHashSet<>(OrgDirectory.splitList(text)));
    // the departments that carry the task come from the catalogue, never from the form
    List<String> units = OrgDirectory.splitList(Vars.ASSIGNED_UNITS.get(task));
    if (codes.isEmpty() && units.isEmpty()) {
      throw new FieldValidationException(Vars.ASSIGNED_COUNTIES.name(), "责任县区", "请至少选择一个县区（本任务没有承办部门）");
    }
    for (String c : codes) {
      if (org.county(c).isEmpty()) {
        throw new FieldValidationException(Vars.ASSIGNED_COUNTIES.name(), "责任县区", "未知县区「" + c + "」");
      }
    }
    Vars.ASSIGNED_COUNTIES.set(task, String.join(",", codes));
    String targets = Vars.COUNTY_TARGETS.text(task, "分解指标", 2000);
    var split = KeyTaskProcess.splitTargets(targets);
    for (var e : split.entrySet()) {
      if (!codes.contains(e.getKey()) && !units.contains(e.getKey())) {
        throw new FieldValidationException(Vars.COUNTY_TARGETS.name(), "分解指标",
            "「" + e.getKey() + "」不是本任务的责任县区或承办部门");
      }
      if (e.getValue().length() > 50) {
        throw new FieldValidationException(Vars.COUNTY_TARGETS.name(), "分解指标",
            e.getKey() + " 的分解指标过长（最多 50 字）");
      }
    }
    Vars.COUNTY_TARGETS.set(task, String.join(";", split.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toList()));
    Vars.ASSIGNED_COUNTY_NAMES.set(task, org.countyNames(codes));
    String newDeadline = task.getVariable(NEW_DEADLINE) instanceof String s ? s.strip() : "";
    if (!newDeadline.isEmpty()) {
      var parsed = DeadlineParser.parse(newDeadline).orElseThrow(() -> new FieldValidationException(
          NEW_DEADLINE, "完成时限", "无法识别「" + newDeadline + "」，应为 YYYY-MM-DD 或“长期坚持”"));
      Vars.DEADLINE.set(task, parsed.standing() ? null : WorkingDayCalendar.endOfDay(parsed.date()));
    }
    Vars.STANDING.set(task, Vars.DEADLINE.get(task) == null);
  }
}
