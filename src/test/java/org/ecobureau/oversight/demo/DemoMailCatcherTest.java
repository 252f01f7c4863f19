package org.ecobureau.oversight.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The catcher runs only when asked for (the demo profile), and then on a port of its own. */
class DemoMailCatcherTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(DemoMailCatcher.class)
      .withPropertyValues("spring.mail.host=mail.example.org", "spring.mail.port=25");

  @Test
  void offUnlessAskedFor() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(DemoMailbox.class).doesNotHaveBean(JavaMailSender.class));
    runner.withPropertyValues(DemoMailCatcher.ENABLED + "=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(DemoMailbox.class));
  }

  @Test
  void twoInstancesOnOneMachineGetTwoFreePortsAndIgnoreSpringMailsServer() {
    var on = runner.withPropertyValues(DemoMailCatcher.ENABLED + "=true");
    on.run(first -> on.run(second -> {
      int a = first.getBean(DemoMailbox.class).port();
      int b = second.getBean(DemoMailbox.class).port();
      assertThat(a).isPositive().isNotEqualTo(b).isNotEqualTo(25);
      JavaMailSenderImpl sender = (JavaMailSenderImpl) first.getBean(JavaMailSender.class);
      assertThat(sender.getHost()).isEqualTo("127.0.0.1");
      assertThat(sender.getPort()).isEqualTo(a);
      assertThat(sender.getDefaultEncoding()).isEqualTo("UTF-8");
    }));
  }
}
