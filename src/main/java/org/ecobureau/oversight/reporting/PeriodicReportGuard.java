package org.ecobureau.oversight.reporting;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.common.CurrentUser;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.reporting.PeriodicReportProcess.Vars;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Submitting a periodic report (or its returned rows): 填报人 and the leader's sign-off, and every
 * row the party fills in this task complete (saved as drafts through the report API). The rows
 * become submitted, each lead unit with rows gets a review, and a row that claims completion
 * (申请销号, or 申请验收 for a rectification item) moves its assignment or item on at once. A refused
 * submission changes nothing.
 */
@Component("periodicReportGuard")
public class PeriodicReportGuard implements TaskListener {

  private final ReportRepository reports;
  private final RuntimeService runtimeService;
  private final Clock clock;

  public PeriodicReportGuard(ReportRepository reports, @Lazy RuntimeService runtimeService, Clock clock) {
    this.reports = reports;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getExecution().getProcessBusinessKey();
    String filledBy = Vars.FILLED_BY.requireText(task, "填报人", 50).strip();
    String leader = Vars.COUNTY_LEADER.requireText(task, "分管领导审签", 50).strip();
    Vars.FILLED_BY.set(task, filledBy);
    Vars.COUNTY_LEADER.set(task, leader);
    List<ReportRow> rows = reports.rows(key).stream().filter(ReportRow::editable).toList();
    if (rows.isEmpty()) {
      throw new FieldValidationException("rows", "报送内容", "没有需要报送的事项");
    }
    Map<String, Long> files = reports.files(key).stream()
        .collect(Collectors.groupingBy(ReportRepository.RowFile::caseKey, Collectors.counting()));
    for (ReportRow row : rows) {
      RowValues.complete(row, files.getOrDefault(row.caseKey(), 0L).intValue());
    }
    Instant now = clock.instant();
    Set<String> reviewGroups = new LinkedHashSet<>();
    Map<String, String> fileNames = reports.files(key).stream().collect(Collectors.groupingBy(
        ReportRepository.RowFile::caseKey, Collectors.mapping(ReportRepository.RowFile::name, Collectors.joining("、"))));
    for (ReportRow row : rows) {
      reports.submitRow(key, row.caseKey(), now);
      reports.recordEvent(new ReportRepository.RowEvent(key, row.caseKey(), row.round() + 1, ReportRow.SUBMITTED, now,
          CurrentUser.id(), row.progress(), row.expectedProgress(), row.workDone(), row.problems(), row.nextSteps(),
          row.achieved(), row.claim(), row.claimType(), row.claimSummary(), fileNames.get(row.caseKey()), null, null));
      reviewGroups.add(row.reviewGroup());
      if (row.claim()) {
        claim(row, key);
      }
    }
    reports.submitted(key, filledBy, leader, CurrentUser.id(), now);
    Vars.REVIEW_GROUPS.set(task, String.join(",", reviewGroups));
  }

  /** The claim moves the assignment (or item) on if it is still being carried out; otherwise nothing. */
  private void claim(ReportRow row, String reportKey) {
    if (SupervisionCase.KEY_TASK.equals(row.kind())) {
      runtimeService.createMessageCorrelation(CountyAssignmentProcess.COMPLETION_CLAIMED_MESSAGE)
          .processInstanceBusinessKey(row.caseKey())
          .setVariable(CountyAssignmentProcess.Vars.CLAIM_TYPE.name(), row.claimType())
          .setVariable(CountyAssignmentProcess.Vars.COMPLETION_SUMMARY.name(), row.claimSummary())
          .setVariable(CountyAssignmentProcess.Vars.CLAIM_REPORT.name(), reportKey)
          .correlateAll();
    } else {
      runtimeService.createMessageCorrelation(RectificationItemProcess.CLAIMED_MESSAGE)
          .processInstanceBusinessKey(row.caseKey())
          .correlateAll();
    }
  }
}
