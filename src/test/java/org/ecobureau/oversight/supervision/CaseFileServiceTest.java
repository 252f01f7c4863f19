package org.ecobureau.oversight.supervision;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

class CaseFileServiceTest extends ProcessTestSupport {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties coverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().build();
    }
  }

  @Autowired HistoryService historyService;

  @Test
  void dump() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("taskCode", "8.8.1");
    vars.put("taskTitle", "t");
    vars.put("taskContent", "c");
    vars.put("leadUnits", "sthj");
    vars.put("leadUnitNames", "市生态环境局");
    vars.put("county", "anding");
    vars.put("standing", false);
    vars.put("deadline", WorkingDayCalendar.endOfDay(LocalDate.of(2027, 6, 30)));
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(CountyAssignmentProcess.KEY, "KT-8.8.1:anding", vars);
    completeAs("anding", task(pi.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    Map<String, Object> v = new HashMap<>();
    v.put("period", "2026-11"); v.put("progress", 100); v.put("statusClass", "已完成"); v.put("workDone", "x");
    v.put("filledBy", "李娜"); v.put("countyLeader", "王强"); v.put("wantsCompletion", true);
    completeAs("anding", task(pi.getId()), v);
    completeAs("sthj", task(pi.getId()), Map.of("reportDecision", "approve"));
    completeAs("anding", task(pi.getId()), Map.of("claimType", "completed", "completionSummary", "s",
        "completionEvidence", Variables.fileValue("验收照片.pdf").file("%PDF".getBytes()).mimeType("application/pdf").create()));
    completeAs("sthj", task(pi.getId()), Map.of("claimDecision", "approve"));
    runtimeService.createMessageCorrelation("publicNoticeObjection").processInstanceBusinessKey("KT-8.8.1:anding")
        .setVariable("objection", "群众反映").correlate();
    historyService.createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).list().forEach(t ->
        System.out.println("TASK " + t.getId() + " " + t.getTaskDefinitionKey() + " ai=" + t.getActivityInstanceId() + " del=" + t.getDeleteReason()));
    historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().forEach(a ->
        System.out.println("ACT " + a.getId() + " " + a.getActivityId() + " " + a.getActivityType() + " " + a.getActivityName()));
    historyService.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().disableBinaryFetching().list().forEach(d -> {
      var u = (org.camunda.bpm.engine.history.HistoricVariableUpdate) d;
      System.out.println("UPD " + u.getVariableName() + " task=" + u.getTaskId() + " ai=" + u.getActivityInstanceId() + " exec=" + u.getExecutionId()
          + " type=" + u.getTypeName() + " val=" + (u.getTypedValue() instanceof org.camunda.bpm.engine.variable.value.FileValue f ? "FILE:" + f.getFilename() : u.getValue()));
    });
    historyService.createUserOperationLogQuery().processInstanceId(pi.getId()).list().forEach(l ->
        System.out.println("LOG " + l.getOperationType() + " task=" + l.getTaskId() + " user=" + l.getUserId() + " prop=" + l.getProperty()));
  }
}
