package org.ecobureau.oversight.escalation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.TaskElements;
import org.ecobureau.oversight.rectification.RectificationItemProcess;

/**
 * The one rule for which tasks are on the escalation ladder: <b>a user task of a case's own
 * process (a county assignment or a rectification item, the processes {@link CaseLifecycle}
 * registers as cases) that is offered to the case's county group</b> (its {@code countyGroup}
 * variable). Its due date is the case's clock and completing it is the county catching up.
 * The rule reads the task, not a list of element ids: a county task added to either diagram is
 * on the ladder without further wiring ({@link ObligationClock} hears every task event).
 *
 * <p>The county also works in the measures taken on a case, which run on the case's business
 * key in processes of their own; these do not move the case's clock (the case is already at red
 * or listed, and each has its own reminder). They are named in {@link #OFF_LADDER}, so that a
 * test tells such a deliberate exception from a county task that fell off the ladder.
 */
public final class LadderTasks {

  /** Keys of the processes that carry a supervision case. */
  public static final List<String> CASE_PROCESSES = List.of(CountyAssignmentProcess.KEY, RectificationItemProcess.KEY);

  /** County tasks outside the case processes, by process key: not on the ladder, on purpose. */
  public static final Map<String, Set<String>> OFF_LADDER = Map.of(
      // 书面说明 after a red card: the summons has its own timer and 催办
      SummonsProcess.KEY, Set.of(SummonsProcess.Element.submitWrittenReport.name()),
      // 周进展 under 挂牌督办: weekly until the lead lifts the listing
      ListedSupervisionProcess.KEY, Set.of(ListedSupervisionProcess.Element.submitWeeklyReport.name()),
      // 函询回复 after a red card: its own due date, the case is at red already
      SupervisionMeasureProcess.KEY, Set.of(SupervisionMeasureProcess.Element.answerInquiry.name()));

  /** The rule, on what a task is: its process, its candidate groups and the case's county group. */
  public static boolean onLadder(String processKey, Collection<String> candidateGroups, String countyGroup) {
    return processKey != null && CASE_PROCESSES.contains(processKey) && countyGroup != null
        && candidateGroups.contains(countyGroup);
  }

  /** The rule on a task of an engine event (groups and variables are read in a case process only). */
  public static boolean onLadder(DelegateTask task) {
    String processKey = TaskElements.processKey(task);
    if (processKey == null || !CASE_PROCESSES.contains(processKey)) {
      return false;
    }
    return onLadder(processKey, TaskElements.candidateGroups(task),
        CountyAssignmentProcess.Vars.COUNTY_GROUP.get(task));
  }

  private LadderTasks() {}
}
