package org.ecobureau.oversight.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.ecobureau.oversight.web.ApiErrors;
import org.ecobureau.oversight.web.ApiUser;
import org.ecobureau.oversight.web.PublicAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo mailbox: {@code GET /demo/mailbox} is the page, {@code GET /api/demo/mailbox} the mails
 * the logged-in user was sent (HTTP Basic or the Tasklist session, see {@code web.ApiSecurity}).
 * Whose mail is decided here, from the authenticated user's address in the engine's user
 * directory; nothing the caller sends chooses the mailbox. Exists only with the demo's mail
 * catcher: elsewhere both paths are 404.
 */
@RestController
@ConditionalOnProperty(name = DemoMailCatcher.ENABLED, havingValue = "true")
public class DemoMailboxController {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMailboxController.class);

  /** The newest mails a response lists; the total is given beside them. */
  static final int LIMIT = 200;

  public static final String PAGE = "/demo/mailbox";

  private final DemoMailbox mailbox;
  private final CommandExecutor commands;
  private final PublicAddress address;

  public DemoMailboxController(DemoMailbox mailbox, ProcessEngineConfiguration configuration, PublicAddress address) {
    this.mailbox = mailbox;
    this.commands = ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired();
    this.address = address;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void announce() {
    LOG.info("Demo mailbox: {}{} (log in to Tasklist first; each user reads only their own mail)",
        address.baseUrl(), PAGE);
  }

  @GetMapping(PAGE)
  public ResponseEntity<Resource> page() {
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache()).body(new ClassPathResource("demo/mailbox.html"));
  }

  @GetMapping("/api/demo/mailbox")
  public Map<String, Object> mail(HttpServletRequest request) {
    ApiUser user = (ApiUser) request.getAttribute(ApiUser.ATTRIBUTE);
    if (user == null) {
      throw new ApiErrors.ForbiddenException("需要登录");
    }
    String email = emailOf(user.id());
    List<DemoMailbox.Mail> mails = email == null ? List.of() : mailbox.messagesFor(email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", user.id());
    body.put("address", email);
    body.put("total", mails.size());
    body.put("messages", mails.size() > LIMIT ? mails.subList(0, LIMIT) : mails);
    return body;
  }

  /** The user's own address as the engine's directory has it (read as the system: a county user may not list users). */
  private String emailOf(String userId) {
    return commands.execute(ctx -> ctx.runWithoutAuthorization(() -> {
      User u = ctx.getProcessEngineConfiguration().getIdentityService().createUserQuery().userId(userId).singleResult();
      return u == null || u.getEmail() == null || u.getEmail().isBlank() ? null : u.getEmail();
    }));
  }
}
