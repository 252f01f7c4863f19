package org.ecobureau.oversight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notice after 完成: what follows a task, told only to the user who completed it. About the
 * answer, not the diagrams: no coverage floor.
 */
class NextStepControllerTest extends ProcessTestSupport {

  @Autowired NextStepController nextStep;

  NextStepController.NextStep askAs(String user, String taskId) {
    identityService.setAuthentication(user,
        identityService.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
    try {
      return nextStep.nextStep(taskId);
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void theCountyThatSignedIsToldWhereTheAssignmentIsNowAndNobodyElseIs() {
    ProcessInstance pi = Assignments.startNext(runtimeService, "8.7.", "下一环节测试", "anding");
    Task accept = task(pi.getId());
    taskService.claim(accept.getId(), "anding");
    completeAs("anding", accept, Map.of("responsiblePerson", "张伟", "responsiblePhone", "13909321234"));

    NextStepController.NextStep answer = askAs("anding", accept.getId());
    assertThat(answer.taskName()).startsWith("签收任务");
    assertThat(answer.processEnded()).isFalse();
    // no task is open while the county carries the work out: the step it waits in
    assertThat(answer.next()).isEmpty();
    assertThat(answer.waitingAt()).isNotEmpty();

    // another county, or a lead who did not complete it, learns nothing
    assertThatThrownBy(() -> askAs("lintao", accept.getId())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> askAs("lead", accept.getId())).isInstanceOf(IllegalArgumentException.class);
    // a task still open is no one's "just completed"
    ProcessInstance open = Assignments.startNext(runtimeService, "8.7.", "下一环节测试", "anding");
    taskService.claim(task(open.getId()).getId(), "anding");
    assertThatThrownBy(() -> askAs("anding", task(open.getId()).getId())).isInstanceOf(IllegalArgumentException.class);
    // nobody logged in
    assertThatThrownBy(() -> nextStep.nextStep(accept.getId())).isInstanceOf(ApiErrors.ForbiddenException.class);
    assertThat(answer.moreTasks()).isZero();
  }
}
