package org.ecobureau.oversight.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.common.Var;

/**
 * The one test fixture for a county assignment as the key task's dispatch starts it, built on the
 * processes' typed variables ({@link KeyTaskProcess.Vars}, {@link CountyAssignmentProcess.Vars}).
 * Task codes come from one sequence per test JVM, so test classes sharing a Spring context (and
 * its database) never start two assignments under the same business key.
 */
public final class Assignments {

  /** The deadline of a non-standing test assignment. */
  public static final LocalDate DEADLINE = LocalDate.of(2027, 6, 30);

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Assignments() {}

  /** A task code unique in this test JVM: {@code prefix} followed by the next number. */
  public static String nextCode(String prefix) {
    return prefix + SEQUENCE.incrementAndGet();
  }

  /** What dispatch hands a county assignment: the key task's catalogue entry and the county. */
  public static Map<String, Object> startVariables(String code, String title, String county, boolean standing) {
    Map<String, Object> vars = new HashMap<>();
    put(vars, KeyTaskProcess.Vars.TASK_CODE, code);
    put(vars, KeyTaskProcess.Vars.TASK_TITLE, title);
    put(vars, KeyTaskProcess.Vars.TASK_CONTENT, "测试内容");
    put(vars, KeyTaskProcess.Vars.LEAD_UNITS, "sthj");
    put(vars, KeyTaskProcess.Vars.LEAD_UNIT_NAMES, "市生态环境局");
    put(vars, CountyAssignmentProcess.Vars.COUNTY, county);
    put(vars, KeyTaskProcess.Vars.STANDING, standing);
    put(vars, KeyTaskProcess.Vars.DEADLINE, standing ? null : WorkingDayCalendar.endOfDay(DEADLINE));
    return vars;
  }

  /** Starts a county assignment under business key {@code KT-<code>:<county>}. */
  public static ProcessInstance start(RuntimeService runtimeService, String code, String title, String county,
      boolean standing) {
    return runtimeService.startProcessInstanceByKey(CountyAssignmentProcess.KEY,
        CountyAssignmentProcess.businessKey(code, county), startVariables(code, title, county, standing));
  }

  /** Starts a non-standing assignment titled {@code titlePrefix + code}, with a fresh code under {@code codePrefix}. */
  public static ProcessInstance startNext(RuntimeService runtimeService, String codePrefix, String titlePrefix,
      String county) {
    String code = nextCode(codePrefix);
    return start(runtimeService, code, titlePrefix + code, county, false);
  }

  /** Puts a typed variable into a variables map. */
  public static <T> void put(Map<String, Object> vars, Var<T> var, T value) {
    vars.put(var.name(), value);
  }
}
