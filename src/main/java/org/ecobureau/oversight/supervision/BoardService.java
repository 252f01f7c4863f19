package org.ecobureau.oversight.supervision;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.SupervisionCase;
import org.ecobureau.oversight.escalation.WarningLevel;
import org.ecobureau.oversight.identity.County;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.ecobureau.oversight.web.ApiErrors;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The supervision board (督办看板): open assignments and rectification items per county and
 * status, the items behind each cell, and the on-time rate. Read from the ladder's own table
 * (one indexed GROUP BY), so it answers fast however many instances run. Who sees what: leads,
 * supervisors and administrators every county; a county its own row; a lead unit the items it
 * leads.
 */
@Service
public class BoardService {

  /** Statuses in board order, one per warning level. */
  public static final List<WarningLevel> STATUSES = List.of(WarningLevel.values());

  public record Cell(int onTime, int dueSoon, int overdue, int yellow, int red, int listed) {
    @JsonProperty
    public int total() {
      return onTime + dueSoon + overdue + yellow + red + listed;
    }

    /** Share not overdue (on time or due soon), 1 when there is nothing open. */
    @JsonProperty
    public double onTimeRate() {
      return total() == 0 ? 1.0 : Math.round((onTime + dueSoon) * 1000.0 / total()) / 1000.0;
    }

    static Cell of(int[] counts) {
      return new Cell(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }
  }

  /**
   * What stands behind the counts, shown apart: 逾期未报 (the party's periodic report missed),
   * 逾期未完成 (the completion deadline passed without a claim), and 不涉及 (closed as not concerning
   * the party: counted here only, out of every rate).
   */
  public record Reasons(int notReported, int notCompleted, int notConcerned) {
    static Reasons of(int[] n) {
      return new Reasons(n[0], n[1], n[2]);
    }
  }

  /** Reason filters of the item list. */
  public static final List<String> REASONS = List.of("notReported", "notCompleted", "notConcerned");

  public record Row(String county, String countyName, Cell keyTasks, Cell rectification, Cell all,
      Reasons keyTaskReasons, Reasons rectificationReasons, Reasons allReasons) {}

  public record Board(LocalDate asOf, List<String> statuses, List<Row> rows, Row total) {}

  /**
   * @param reason 逾期未报, 逾期未完成, 不涉及 or null
   * @param target the party's target (分解指标, or the task's), null when none
   * @param achieved the value last reported achieved in an approved report row
   */
  public record Item(String businessKey, String kind, String kindName, String code, String title, String county,
      String countyName, String leadNames, String openTask, LocalDate dueDate, int daysOverdue, String level,
      String levelName, String status, LocalDate deadline, String processInstanceId, String reason, String target,
      String achieved) {}

  /** Which cases a caller sees: all, or a county, or the items some lead units lead. */
  public record Scope(String county, List<String> leadGroups) {
    /** Everything, as the city-wide roles see it. */
    public static final Scope ALL = new Scope(null, List.of());

    boolean all() {
      return county == null && leadGroups.isEmpty();
    }

    /** Whether a caller with this scope sees the case. */
    public boolean covers(SupervisionCase c) {
      return all() || c.county().equals(county) || leadGroups.stream().anyMatch(c.leadGroupList()::contains);
    }
  }

  private final JdbcTemplate jdbc;
  private final OrgDirectory org;
  private final WorkingDayCalendar calendar;

  public BoardService(JdbcTemplate jdbc, OrgDirectory org, WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.org = org;
    this.calendar = calendar;
  }

  public Scope scopeOf(ApiUser user) {
    if (user == null) {
      throw new ApiErrors.ForbiddenException("需要登录");
    }
    if (user.inAny(OrgDirectory.LEAD_GROUP, OrgDirectory.SUPERVISOR_GROUP, OrgDirectory.ADMIN_GROUP)) {
      return Scope.ALL;
    }
    for (County c : org.counties()) {
      if (user.groups().contains(c.groupId())) {
        return new Scope(c.code(), List.of());
      }
    }
    List<String> units = org.units().stream().map(u -> u.groupId()).filter(user.groups()::contains).toList();
    if (!units.isEmpty()) {
      return new Scope(null, units);
    }
    throw new ApiErrors.ForbiddenException("无权查看督办看板");
  }

  public Board board(Scope scope) {
    List<Object> args = new ArrayList<>();
    String where = where(scope, args);
    Map<String, int[][]> counts = new LinkedHashMap<>(); // county -> [kind][level]
    jdbc.query("SELECT COUNTY, KIND, LEVEL_RANK, COUNT(*) AS N FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE" + where
        + " GROUP BY COUNTY, KIND, LEVEL_RANK", rs -> {
          int[][] c = counts.computeIfAbsent(rs.getString("COUNTY"), k -> new int[2][STATUSES.size()]);
          c[SupervisionCase.RECTIFICATION.equals(rs.getString("KIND")) ? 1 : 0][rs.getInt("LEVEL_RANK")] += rs.getInt("N");
        }, args.toArray());
    Map<String, int[][]> reasons = new LinkedHashMap<>(); // party -> [kind][notReported, notCompleted, notConcerned]
    List<Object> reasonArgs = new ArrayList<>();
    reasonArgs.add(java.sql.Date.valueOf(calendar.today()));
    reasonArgs.add(escalationPrefix());
    reasonArgs.add(java.sql.Date.valueOf(calendar.today()));
    reasonArgs.add(NOT_CONCERNED);
    reasonArgs.addAll(args);
    jdbc.query("SELECT COUNTY, KIND,"
        + " SUM(CASE WHEN ACTIVE = TRUE AND DUE_DATE < ? AND OPEN_TASK_NAME LIKE ? THEN 1 ELSE 0 END) AS NOT_REPORTED,"
        + " SUM(CASE WHEN ACTIVE = TRUE AND REPORTING = TRUE AND DEADLINE < ? THEN 1 ELSE 0 END) AS NOT_COMPLETED,"
        + " SUM(CASE WHEN ACTIVE = FALSE AND CLOSURE = ? THEN 1 ELSE 0 END) AS NOT_CONCERNED"
        + " FROM OV_SUPERVISION_CASE WHERE 1 = 1" + where + " GROUP BY COUNTY, KIND", rs -> {
          int[][] r = reasons.computeIfAbsent(rs.getString("COUNTY"), k -> new int[2][3]);
          int k = SupervisionCase.RECTIFICATION.equals(rs.getString("KIND")) ? 1 : 0;
          r[k][0] += rs.getInt("NOT_REPORTED");
          r[k][1] += rs.getInt("NOT_COMPLETED");
          r[k][2] += rs.getInt("NOT_CONCERNED");
        }, reasonArgs.toArray());
    List<Row> rows = new ArrayList<>();
    int[][] sum = new int[2][STATUSES.size()];
    int[][] reasonSum = new int[2][3];
    // the counties, then the city departments that carry tasks themselves (承办部门)
    List<String[]> parties = new ArrayList<>();
    org.counties().forEach(c -> parties.add(new String[] {c.code(), c.name()}));
    org.units().stream().filter(u -> counts.containsKey(u.code()) || reasons.containsKey(u.code()))
        .forEach(u -> parties.add(new String[] {u.code(), u.name()}));
    for (String[] p : parties) {
      if (scope.county() != null && !scope.county().equals(p[0])) {
        continue;
      }
      int[][] n = counts.getOrDefault(p[0], new int[2][STATUSES.size()]);
      int[][] r = reasons.getOrDefault(p[0], new int[2][3]);
      rows.add(row(p[0], p[1], n, r));
      for (int k = 0; k < 2; k++) {
        for (int l = 0; l < STATUSES.size(); l++) {
          sum[k][l] += n[k][l];
        }
        for (int l = 0; l < 3; l++) {
          reasonSum[k][l] += r[k][l];
        }
      }
    }
    return new Board(calendar.today(), STATUSES.stream().map(WarningLevel::status).toList(), rows,
        row(null, "合计", sum, reasonSum));
  }

  static final String NOT_CONCERNED = "不涉及";

  private static String escalationPrefix() {
    return CaseRepository.REPORT_OBLIGATION_PREFIX + "%";
  }

  private static Row row(String code, String name, int[][] n, int[][] r) {
    int[] all = new int[STATUSES.size()];
    for (int l = 0; l < all.length; l++) {
      all[l] = n[0][l] + n[1][l];
    }
    int[] allReasons = {r[0][0] + r[1][0], r[0][1] + r[1][1], r[0][2] + r[1][2]};
    return new Row(code, name, Cell.of(n[0]), Cell.of(n[1]), Cell.of(all), Reasons.of(r[0]), Reasons.of(r[1]),
        Reasons.of(allReasons));
  }

  /**
   * The items behind a cell, most serious first, then by due date.
   *
   * @param county county code or null for all the caller sees
   * @param kind KT, RI or null for both
   * @param level a warning level code or null for all
   */
  public List<Item> items(Scope scope, String county, String kind, String level, int limit, int offset) {
    return items(scope, county, kind, level, null, limit, offset);
  }

  /** @param reason notReported (逾期未报), notCompleted (逾期未完成), notConcerned (不涉及, closed) or null */
  public List<Item> items(Scope scope, String county, String kind, String level, String reason, int limit,
      int offset) {
    List<Object> args = new ArrayList<>();
    LocalDate today = calendar.today();
    boolean closed = "notConcerned".equals(reason);
    StringBuilder where = new StringBuilder(closed ? " AND CLOSURE = ?" : "");
    if (closed) {
      args.add(NOT_CONCERNED);
    }
    where.append(where(scope, args));
    if (reason != null && !reason.isBlank()) {
      switch (reason) {
        case "notReported" -> {
          where.append(" AND DUE_DATE < ? AND OPEN_TASK_NAME LIKE ?");
          args.add(java.sql.Date.valueOf(today));
          args.add(escalationPrefix());
        }
        case "notCompleted" -> {
          where.append(" AND REPORTING = TRUE AND DEADLINE < ?");
          args.add(java.sql.Date.valueOf(today));
        }
        case "notConcerned" -> { }
        default -> throw new ApiErrors.BadRequestException(
            "reason 应为 notReported（逾期未报）、notCompleted（逾期未完成）或 notConcerned（不涉及），收到 " + reason);
      }
    }
    if (county != null && !county.isBlank()) {
      where.append(" AND COUNTY = ?");
      args.add(county);
    }
    if (kind != null && !kind.isBlank()) {
      if (!kind.equals(SupervisionCase.KEY_TASK) && !kind.equals(SupervisionCase.RECTIFICATION)) {
        throw new ApiErrors.BadRequestException("kind 应为 KT（重点任务）或 RI（督察整改），收到 " + kind);
      }
      where.append(" AND KIND = ?");
      args.add(kind);
    }
    if (level != null && !level.isBlank()) {
      try {
        args.add(WarningLevel.ofCode(level).rank());
      } catch (IllegalArgumentException e) {
        throw new ApiErrors.BadRequestException(
            "level 应为 none、reminder、overdue、yellow、red 或 listed 之一，收到 " + level);
      }
      where.append(" AND LEVEL_RANK = ?");
    }
    args.add(Math.max(1, Math.min(limit, 100_000)));
    args.add(Math.max(0, offset));
    return jdbc.query("SELECT BUSINESS_KEY, KIND, CODE, TITLE, COUNTY, COUNTY_NAME, LEAD_NAMES, OPEN_TASK_NAME,"
        + " DUE_DATE, LEVEL_RANK, DEADLINE, PROC_INST_ID, REPORTING, CLOSURE, TARGET, ACHIEVED FROM OV_SUPERVISION_CASE WHERE ACTIVE = "
        + (closed ? "FALSE" : "TRUE") + where
        + " ORDER BY LEVEL_RANK DESC, DUE_DATE, BUSINESS_KEY LIMIT ? OFFSET ?", (rs, i) -> {
          LocalDate due = rs.getObject("DUE_DATE", LocalDate.class);
          WarningLevel l = WarningLevel.ofRank(rs.getInt("LEVEL_RANK"));
          String k = rs.getString("KIND");
          return new Item(rs.getString("BUSINESS_KEY"), k,
              SupervisionCase.kindLabel(k), rs.getString("CODE"),
              rs.getString("TITLE"), rs.getString("COUNTY"), rs.getString("COUNTY_NAME"), rs.getString("LEAD_NAMES"),
              rs.getString("OPEN_TASK_NAME"), due,
              due != null && today.isAfter(due) ? calendar.workingDaysAfter(due, today) : 0, l.code(), l.label(),
              l.status(), rs.getObject("DEADLINE", LocalDate.class), rs.getString("PROC_INST_ID"),
              reasonOf(rs.getString("CLOSURE"), rs.getString("OPEN_TASK_NAME"), due, rs.getBoolean("REPORTING"),
                  rs.getObject("DEADLINE", LocalDate.class), today), rs.getString("TARGET"), rs.getString("ACHIEVED"));
        }, args.toArray());
  }

  /** Captions of the reason filters, as the board's columns name them. */
  static final Map<String, String> REASON_LABELS = Map.of("notReported", "逾期未报", "notCompleted", "逾期未完成",
      "notConcerned", NOT_CONCERNED);

  /**
   * What a filtered item list (or its ledger) is filtered by, as people read it: the party, the
   * kind, the status and the reason that are set, joined by ·, e.g. 安定区·逾期未报; empty when
   * nothing is set. Every value is checked: an unknown one is a 400 naming it.
   */
  public String filterLabel(String county, String kind, String level, String reason) {
    List<String> parts = new ArrayList<>();
    if (county != null && !county.isBlank()) {
      parts.add(org.county(county).map(County::name)
          .or(() -> org.unit(county).map(u -> u.name()))
          .orElseThrow(() -> new ApiErrors.BadRequestException("county 应为县区或承办单位的代码，收到 " + county)));
    }
    if (kind != null && !kind.isBlank()) {
      if (!kind.equals(SupervisionCase.KEY_TASK) && !kind.equals(SupervisionCase.RECTIFICATION)) {
        throw new ApiErrors.BadRequestException("kind 应为 KT（重点任务）或 RI（督察整改），收到 " + kind);
      }
      parts.add(SupervisionCase.RECTIFICATION.equals(kind) ? "督察整改" : "重点任务");
    }
    if (level != null && !level.isBlank()) {
      try {
        parts.add(WarningLevel.ofCode(level).status());
      } catch (IllegalArgumentException e) {
        throw new ApiErrors.BadRequestException(
            "level 应为 none、reminder、overdue、yellow、red 或 listed 之一，收到 " + level);
      }
    }
    if (reason != null && !reason.isBlank()) {
      String label = REASON_LABELS.get(reason);
      if (label == null) {
        throw new ApiErrors.BadRequestException(
            "reason 应为 notReported（逾期未报）、notCompleted（逾期未完成）或 notConcerned（不涉及），收到 " + reason);
      }
      parts.add(label);
    }
    return String.join("·", parts);
  }

  /** 逾期未报 / 逾期未完成 / 不涉及, or null when none applies. */
  static String reasonOf(String closure, String openTask, LocalDate due, boolean reporting, LocalDate deadline,
      LocalDate today) {
    if (NOT_CONCERNED.equals(closure)) {
      return NOT_CONCERNED;
    }
    if (due != null && today.isAfter(due) && openTask != null
        && openTask.startsWith(CaseRepository.REPORT_OBLIGATION_PREFIX)) {
      return "逾期未报";
    }
    if (reporting && deadline != null && today.isAfter(deadline)) {
      return "逾期未完成";
    }
    return null;
  }

  private static String where(Scope scope, List<Object> args) {
    if (scope.all()) {
      return "";
    }
    if (scope.county() != null) {
      args.add(scope.county());
      return " AND COUNTY = ?";
    }
    StringBuilder sb = new StringBuilder(" AND (");
    for (int i = 0; i < scope.leadGroups().size(); i++) {
      sb.append(i == 0 ? "" : " OR ").append("LEAD_GROUPS LIKE ?");
      args.add("%," + scope.leadGroups().get(i) + ",%");
    }
    return sb.append(")").toString();
  }
}
