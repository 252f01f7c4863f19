package org.ecobureau.oversight.demo;

import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The demo brings its own mail server ({@code oversight.demo.mail-catcher}, on in the profile
 * {@code demo}): {@link DemoMailbox} starts before anything can send, and the application's
 * {@link JavaMailSender} talks to it instead of spring.mail's host and port (Spring Boot's own
 * sender then stands back). spring.mail's encoding and timeouts still apply; its credentials and
 * STARTTLS do not (the catcher needs neither).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoMailCatcher.ENABLED, havingValue = "true")
@EnableConfigurationProperties(MailProperties.class)
public class DemoMailCatcher {

  public static final String ENABLED = "oversight.demo.mail-catcher";

  @Bean(destroyMethod = "stop")
  public DemoMailbox demoMailbox() {
    return DemoMailbox.start();
  }

  @Bean
  public JavaMailSender demoMailSender(DemoMailbox mailbox, MailProperties mail) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(DemoMailbox.HOST);
    sender.setPort(mailbox.port());
    sender.setProtocol("smtp");
    if (mail.getDefaultEncoding() != null) {
      sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    }
    Properties properties = new Properties();
    properties.putAll(mail.getProperties());
    properties.setProperty("mail.smtp.auth", "false");
    properties.setProperty("mail.smtp.starttls.enable", "false");
    sender.setJavaMailProperties(properties);
    return sender;
  }
}
