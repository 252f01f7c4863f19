package org.ecobureau.oversight.supervision;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
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

  public record Row(String county, String countyName, Cell keyTasks, Cell rectification, Cell all) {}

  public record Board(LocalDate asOf, List<String> statuses, List<Row> rows, Row total) {}

  public record Item(String businessKey, String kind, String kindName, String code, String title, String county,
      String countyName, String leadNames, String openTask, LocalDate dueDate, int daysOverdue, String level,
      String levelName, String status, LocalDate deadline, String processInstanceId) {}

  /** Which cases a caller sees: all, or a county, or the items some lead units lead. */
  public record Scope(String county, List<String> leadGroups) {
    static final Scope ALL = new Scope(null, List.of());

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
    List<Row> rows = new ArrayList<>();
    int[][] sum = new int[2][STATUSES.size()];
    for (County c : org.counties()) {
      if (scope.county() != null && !scope.county().equals(c.code())) {
        continue;
      }
      int[][] n = counts.getOrDefault(c.code(), new int[2][STATUSES.size()]);
      rows.add(row(c.code(), c.name(), n));
      for (int k = 0; k < 2; k++) {
        for (int l = 0; l < STATUSES.size(); l++) {
          sum[k][l] += n[k][l];
        }
      }
    }
    return new Board(calendar.today(), STATUSES.stream().map(WarningLevel::status).toList(), rows,
        row(null, "合计", sum));
  }

  private static Row row(String code, String name, int[][] n) {
    int[] all = new int[STATUSES.size()];
    for (int l = 0; l < all.length; l++) {
      all[l] = n[0][l] + n[1][l];
    }
    return new Row(code, name, Cell.of(n[0]), Cell.of(n[1]), Cell.of(all));
  }

  /**
   * The items behind a cell, most serious first, then by due date.
   *
   * @param county county code or null for all the caller sees
   * @param kind KT, RI or null for both
   * @param level a warning level code or null for all
   */
  public List<Item> items(Scope scope, String county, String kind, String level, int limit, int offset) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(where(scope, args));
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
    LocalDate today = calendar.today();
    return jdbc.query("SELECT BUSINESS_KEY, KIND, CODE, TITLE, COUNTY, COUNTY_NAME, LEAD_NAMES, OPEN_TASK_NAME,"
        + " DUE_DATE, LEVEL_RANK, DEADLINE, PROC_INST_ID FROM OV_SUPERVISION_CASE WHERE ACTIVE = TRUE" + where
        + " ORDER BY LEVEL_RANK DESC, DUE_DATE, BUSINESS_KEY LIMIT ? OFFSET ?", (rs, i) -> {
          LocalDate due = rs.getObject("DUE_DATE", LocalDate.class);
          WarningLevel l = WarningLevel.ofRank(rs.getInt("LEVEL_RANK"));
          String k = rs.getString("KIND");
          return new Item(rs.getString("BUSINESS_KEY"), k,
              SupervisionCase.kindLabel(k), rs.getString("CODE"),
              rs.getString("TITLE"), rs.getString("COUNTY"), rs.getString("COUNTY_NAME"), rs.getString("LEAD_NAMES"),
              rs.getString("OPEN_TASK_NAME"), due,
              due != null && today.isAfter(due) ? calendar.workingDaysAfter(due, today) : 0, l.code(), l.label(),
              l.status(), rs.getObject("DEADLINE", LocalDate.class), rs.getString("PROC_INST_ID"));
        }, args.toArray());
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
