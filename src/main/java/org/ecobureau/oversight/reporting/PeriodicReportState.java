package org.ecobureau.oversight.reporting;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Execution listener (end) of a periodic report: every row reviewed, the report is closed. */
@Component("periodicReportState")
public class PeriodicReportState implements ExecutionListener {

  private final ReportRepository reports;

  public PeriodicReportState(ReportRepository reports) {
    this.reports = reports;
  }

  @Override
  public void notify(DelegateExecution execution) {
    reports.closeReport(execution.getProcessBusinessKey());
  }
}
