package org.ecobureau.oversight.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.ExtensionRequestProcess;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SummonsProcess;
import org.ecobureau.oversight.signoff.FileObjectionProcess;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.ecobureau.oversight.web.ApiErrors;
import org.ecobureau.oversight.web.ApiUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start forms' 事项 lists: what each caller is offered is what the start guard would take from
 * them today, so nobody types a business key. About the lists, not the diagrams: no coverage floor.
 */
class StartableItemsTest extends ProcessTestSupport {

  @Autowired StartableItems startable;

  ApiUser user(String id) {
    return new ApiUser(id, identityService.createGroupQuery().groupMember(id).list().stream().map(g -> g.getId()).toList());
  }

  List<String> keys(String user, String process) {
    return startable.choices(user(user), process).stream().map(StartableItems.Choice::key).toList();
  }

  @Test
  void aCountyIsOfferedItsOwnItemsForExtensionUntilOneIsPendingOrDue() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance weiyuan = Assignments.startNext(runtimeService, "8.9.", "延期选择测试", "weiyuan");
    ProcessInstance lintao = Assignments.startNext(runtimeService, "8.9.", "延期选择测试", "lintao");

    assertThat(keys("weiyuan", ExtensionRequestProcess.KEY)).contains(weiyuan.getBusinessKey())
        .doesNotContain(lintao.getBusinessKey());
    assertThat(startable.choices(user("weiyuan"), ExtensionRequestProcess.KEY))
        .filteredOn(c -> c.key().equals(weiyuan.getBusinessKey())).singleElement()
        .satisfies(c -> assertThat(c.label()).contains("延期选择测试").endsWith("（渭源县）"));
    assertThat(keys("lead", ExtensionRequestProcess.KEY)).contains(weiyuan.getBusinessKey(), lintao.getBusinessKey());
    // the supervision office reads everything but starts no extension request
    assertThat(keys("supervisor", ExtensionRequestProcess.KEY)).isEmpty();

    // a request is pending: not offered again
    identityService.setAuthentication("weiyuan", user("weiyuan").groups());
    try {
      runtimeService.startProcessInstanceByKey(ExtensionRequestProcess.KEY, Map.of("itemKey", weiyuan.getBusinessKey(),
          "requestedDue", WorkingDayCalendar.endOfDay(LocalDate.of(2026, 11, 20)), "extensionReason", "汛期施工受阻"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(keys("weiyuan", ExtensionRequestProcess.KEY)).doesNotContain(weiyuan.getBusinessKey());

    // 签收 was due 11-05: after it, lintao's item has nothing left to extend
    setNow(LocalDateTime.of(2026, 11, 6, 9, 0));
    assertThat(keys("lintao", ExtensionRequestProcess.KEY)).doesNotContain(lintao.getBusinessKey());
  }

  @Test
  void leadsAreOfferedOpenItemsToListOrSummonAndCountiesNothing() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = Assignments.startNext(runtimeService, "8.9.", "挂牌选择测试", "minxian");
    assertThat(keys("lead", ListedSupervisionProcess.KEY)).contains(pi.getBusinessKey());
    assertThat(keys("lead", SummonsProcess.KEY)).contains(pi.getBusinessKey());
    assertThat(keys("minxian", ListedSupervisionProcess.KEY)).isEmpty();
    assertThat(keys("minxian", SummonsProcess.KEY)).isEmpty();
    // nothing waits in public notice
    assertThat(keys("supervisor", FileObjectionProcess.KEY)).doesNotContain(pi.getBusinessKey());
    assertThatThrownBy(() -> keys("lead", "key-task")).isInstanceOf(ApiErrors.BadRequestException.class)
        .hasMessageContaining("process");
  }

  @Test
  void anItemInPublicNoticeIsOfferedForAnObjection() {
    setNow(LocalDateTime.of(2026, 11, 2, 9, 0));
    ProcessInstance pi = Assignments.startNext(runtimeService, "8.9.", "公示选择测试", "anding");
    completeAs("anding", task(pi.getId()), Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));
    runtimeService.createMessageCorrelation(org.ecobureau.oversight.assignment.CountyAssignmentProcess.COMPLETION_CLAIMED_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .setVariables(Map.of("claimType", "completed", "completionSummary", "完成", "claimReport", "PR-x-2026-11"))
        .correlate();
    assertThat(keys("supervisor", FileObjectionProcess.KEY)).doesNotContain(pi.getBusinessKey());
    completeAs("sthj", task(pi.getId()), Map.of("claimDecision", "approve")); // 公示 starts
    assertThat(keys("supervisor", FileObjectionProcess.KEY)).contains(pi.getBusinessKey());
  }
}
