package org.ecobureau.oversight.demo;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's mail catcher: an SMTP server (GreenMail) in this process, on 127.0.0.1 and a port
 * the system picks at start, so two demo instances on one machine never collide. It accepts every
 * mail without authentication and files a copy in each recipient's inbox, in memory only (a
 * restart empties it). Never started outside the demo (see {@link DemoMailCatcher}).
 */
public final class DemoMailbox {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMailbox.class);

  static final String HOST = "127.0.0.1";

  /** One received mail as the mailbox page shows it. */
  public record Mail(String from, List<String> to, String subject, Instant date, String text) {}

  private final GreenMail server;

  private DemoMailbox(GreenMail server) {
    this.server = server;
  }

  /** Starts the server on a free port (port 0: the system picks one). */
  public static DemoMailbox start() {
    GreenMail server = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP));
    server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    server.start();
    DemoMailbox box = new DemoMailbox(server);
    LOG.info("Demo mail catcher: SMTP on {}:{}; every mail stays in this process (read at /demo/mailbox)",
        HOST, box.port());
    return box;
  }

  public int port() {
    return server.getSmtp().getPort();
  }

  public void stop() {
    server.stop();
  }

  /** Every mail delivered to this address, newest first. */
  public List<Mail> messagesFor(String address) {
    if (address == null || address.isBlank()) {
      return List.of();
    }
    GreenMailUser user = server.getUserManager().getUserByEmail(address.trim().toLowerCase(Locale.ROOT));
    if (user == null) {
      return List.of();
    }
    List<StoredMessage> stored;
    try {
      stored = new ArrayList<>(server.getManagers().getImapHostManager().getInbox(user).getMessages());
    } catch (FolderException e) {
      throw new IllegalStateException("demo inbox of " + address + " unreadable", e);
    }
    List<Mail> mails = new ArrayList<>();
    for (StoredMessage m : stored) {
      mails.add(read(m));
    }
    mails.sort(Comparator.comparing(Mail::date).reversed());
    return mails;
  }

  private static Mail read(StoredMessage stored) {
    MimeMessage m = stored.getMimeMessage();
    try {
      Instant date = (m.getSentDate() != null ? m.getSentDate() : stored.getReceivedDate()).toInstant();
      return new Mail(addresses(m.getFrom()).stream().findFirst().orElse(""), addresses(m.getRecipients(Message.RecipientType.TO)),
          m.getSubject(), date, text(m.getContent()));
    } catch (MessagingException | IOException e) {
      return new Mail("", List.of(), "(unreadable mail: " + e.getMessage() + ")", stored.getReceivedDate().toInstant(), "");
    }
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Arrays.stream(addresses)
        .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString()).toList();
  }

  /** The plain text of a mail's content: the text itself, or its first text/plain part. */
  private static String text(Object content) throws MessagingException, IOException {
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain") || part.isMimeType("multipart/*")) {
          String text = text(part.getContent());
          if (!text.isEmpty()) {
            return text;
          }
        }
      }
    }
    return "";
  }
}
