package org.ecobureau.oversight.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.identity.DemoUsers;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.support.Assignments;
import org.ecobureau.oversight.support.LeaveNothingRunning;
import org.ecobureau.oversight.web.PublicAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo's own mail catcher, as the demo profile runs it: the whole application on a random
 * port with {@code oversight.demo.mail-catcher} on and no {@code oversight.base-url}. A
 * dispatched assignment's mail lands in the catcher (not at spring.mail's server), its link
 * points at the port the server actually got, and the mailbox API shows it to its addressee only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {DemoMailCatcher.ENABLED + "=true", "oversight.base-url="})
@ActiveProfiles("test")
class DemoMailboxTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired DemoMailbox mailbox;
  @Autowired JavaMailSender mailSender;
  @Autowired PublicAddress address;
  @LocalServerPort int port;

  @AfterEach
  void cleanUp() {
    LeaveNothingRunning.endOwn(runtimeService, "KT-DM-%");
  }

  @Test
  void mailLinksFollowTheServersActualPortWhenNoBaseUrlIsSet() {
    assertThat(address.derivedFromPort()).isTrue();
    assertThat(address.baseUrl()).isEqualTo("http://localhost:" + port);
  }

  @Test
  void theApplicationSendsToTheCatcherOnAPortOfItsOwn() {
    JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
    assertThat(sender.getHost()).isEqualTo("127.0.0.1");
    assertThat(sender.getPort()).isEqualTo(mailbox.port()).isNotIn(25, port);
  }

  @Test
  void aDispatchedMailArrivesInTheCatcherAndOnlyItsAddresseeReadsIt() {
    ProcessInstance pi = Assignments.startNext(runtimeService, "DM-", "演示邮箱测试任务", "anding");
    String code = pi.getBusinessKey().substring("KT-".length(), pi.getBusinessKey().indexOf(':'));
    assertThat(deliverNotices(pi.getBusinessKey())).isEqualTo(1);

    // in the catcher, for anding's address
    List<DemoMailbox.Mail> caught = mailbox.messagesFor("anding" + DemoUsers.DOMAIN).stream()
        .filter(m -> m.subject().contains(code)).toList();
    assertThat(caught).hasSize(1);
    DemoMailbox.Mail mail = caught.get(0);
    assertThat(mail.subject()).isEqualTo("【任务交办】" + code + " 演示邮箱测试任务" + code);
    assertThat(mail.to()).contains("anding" + DemoUsers.DOMAIN);
    assertThat(mail.text()).contains("安定区").contains("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=");

    // the addressee reads it through the API
    ResponseEntity<JsonNode> own = rest.withBasicAuth("anding", "demo").getForEntity("/api/demo/mailbox", JsonNode.class);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(own.getBody().get("user").asText()).isEqualTo("anding");
    assertThat(own.getBody().get("address").asText()).isEqualTo("anding" + DemoUsers.DOMAIN);
    List<JsonNode> ours = subjects(own.getBody(), code);
    assertThat(ours).hasSize(1);
    JsonNode message = ours.get(0);
    assertThat(message.get("from").asText()).isNotBlank();
    assertThat(message.get("to").toString()).contains("anding" + DemoUsers.DOMAIN);
    assertThat(message.get("date").asText()).isNotBlank();
    assertThat(message.get("text").asText()).contains("办理链接：http://localhost:" + port + "/");

    // another county's user (and a lead) gets none of it
    for (String other : List.of("lintao", "lead")) {
      ResponseEntity<JsonNode> theirs = rest.withBasicAuth(other, "demo").getForEntity("/api/demo/mailbox", JsonNode.class);
      assertThat(theirs.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(theirs.getBody().get("user").asText()).isEqualTo(other);
      assertThat(subjects(theirs.getBody(), code)).as("%s's mailbox", other).isEmpty();
    }

    // nobody logged in: 401, no mail
    ResponseEntity<String> anonymous = rest.exchange("/api/demo/mailbox", HttpMethod.GET,
        new HttpEntity<>(xhr()), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).doesNotContain(code);
    // a wrong password neither
    assertThat(rest.withBasicAuth("anding", "wrong").getForEntity("/api/demo/mailbox", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void thePageIsServedInChinese() {
    ResponseEntity<String> page = rest.getForEntity("/demo/mailbox", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("<title>演示邮箱</title>").contains("/api/demo/mailbox")
        .contains("返回 Tasklist");
  }

  private static List<JsonNode> subjects(JsonNode box, String code) {
    List<JsonNode> found = new java.util.ArrayList<>();
    box.get("messages").forEach(m -> {
      if (m.get("subject").asText().contains(code)) {
        found.add(m);
      }
    });
    return found;
  }

  private static HttpHeaders xhr() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Requested-With", "XMLHttpRequest");
    return headers;
  }

  /** Runs the send-notice jobs of one item as the job executor would (it is off in tests). */
  private int deliverNotices(String businessKey) {
    int n = 0;
    for (var notice : runtimeService.createProcessInstanceQuery().processDefinitionKey(SendNoticeProcess.KEY)
        .processInstanceBusinessKey(businessKey).list()) {
      for (Job job : managementService.createJobQuery().processInstanceId(notice.getId()).executable().list()) {
        managementService.executeJob(job.getId());
        n++;
      }
    }
    return n;
  }
}
