package org.ecobureau.oversight.reporting;

import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.ecobureau.oversight.common.Var;
import org.ecobureau.oversight.identity.ProcessAccess;
import org.springframework.stereotype.Component;

/**
 * Contract of {@code bpmn/periodic-report.bpmn}: one periodic report of one reporting party (a
 * county, or a city department carrying tasks) for one period, business key
 * {@code PR-<party>-<yyyy-MM>}, e.g. 「安定区 2026年11月 重点任务及督察整改进展报送」. Its rows (one per
 * open assignment and rectification item of the party) live in {@code OV_REPORT_ROW}; the party
 * fills them in, each lead unit reviews its rows in one task, returned rows come back as one
 * 退回重报 task. Also the contract of {@code bpmn/reporting-round.bpmn}, which opens the reports.
 *
 * <p>As a bean ({@code periodicReports}) it gives the diagram the review groups and whether rows
 * came back.
 */
@Component("periodicReports")
public class PeriodicReportProcess {

  public static final String KEY = "periodic-report";
  public static final String ROUND_KEY = "reporting-round";
  public static final String BUSINESS_KEY_PREFIX = "PR-";

  /** Counties and departments read their own reports (instance grants); the city reads all. */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);
  public static final ProcessAccess ROUND_ACCESS = ProcessAccess.cityOnly(ROUND_KEY);

  /** Element ids of the diagram. */
  public enum Element {
    reportOpened, submitPeriodicReport, reviewOpen, reviewReportRows, rowsReturned, resubmitReturnedRows, reportReviewed;
  }

  /** Element ids of the opening round. */
  public enum RoundElement {
    roundDue, openDueReports, roundDone;
  }

  /** Typed variables of the process. */
  public static final class Vars {
    public static final Var<String> PARTY = Var.of("party", String.class);
    public static final Var<String> PARTY_NAME = Var.of("partyName", String.class, "报送单位");
    public static final Var<String> PARTY_GROUP = Var.of("partyGroup", String.class);
    public static final Var<String> PERIOD = Var.of("period", String.class);
    public static final Var<String> PERIOD_LABEL = Var.of("periodLabel", String.class, "报告期");
    public static final Var<String> REPORT_TITLE = Var.of("reportTitle", String.class);
    public static final Var<Date> REPORT_DUE = Var.of("reportDue", Date.class, "报送时限");
    public static final Var<Integer> ROW_COUNT = Var.of("rowCount", Integer.class, "报送事项数");
    /** Candidate groups of the lead units with rows to review in the current round, comma separated. */
    public static final Var<String> REVIEW_GROUPS = Var.of("reviewGroups", String.class);
    /** The multi-instance element: the one lead unit group a review task is for. */
    public static final Var<String> REVIEW_GROUP = Var.of("reviewGroup", String.class);
    public static final Var<String> FILLED_BY = Var.of("filledBy", String.class, "填报人");
    public static final Var<String> COUNTY_LEADER = Var.of("countyLeader", String.class, "分管领导审签");

    private Vars() {}
  }

  /** {@code PR-<party>-<yyyy-MM>}: the only place it is built. */
  public static String businessKey(String party, YearMonth period) {
    return BUSINESS_KEY_PREFIX + party + "-" + period;
  }

  /** 「2026年11月」 */
  public static String periodLabel(YearMonth period) {
    return period.getYear() + "年" + period.getMonthValue() + "月";
  }

  /** 「安定区 2026年11月 重点任务及督察整改进展报送」 */
  public static String title(String partyName, YearMonth period) {
    return partyName + " " + periodLabel(period) + " 重点任务及督察整改进展报送";
  }

  private final ReportRepository reports;

  public PeriodicReportProcess(ReportRepository reports) {
    this.reports = reports;
  }

  /** The multi-instance collection: the lead units with rows to review in this round. */
  public List<String> reviewGroups(DelegateExecution execution) {
    return List.of(Vars.REVIEW_GROUPS.get(execution).split(","));
  }

  /** Whether a review returned rows to the party. */
  public boolean hasReturnedRows(DelegateExecution execution) {
    return reports.countRows(execution.getProcessBusinessKey(), ReportRow.RETURNED) > 0;
  }
}
