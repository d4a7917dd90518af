package io.joysync.devnet.mail;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.joysync.devnet.DevnetComponent;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The creators' mailbox of the devnet: an SMTP server (GreenMail) that keeps every e-mail a node
 * sends, and a page listing them ({@code GET /} as text, {@code GET /messages} as JSON), so the
 * demo shows what a creator would receive. Loopback only; nothing leaves the machine.
 */
public final class MailDevnet implements DevnetComponent {

  public static final int DEFAULT_SMTP_PORT = 2525;
  public static final int DEFAULT_MAILBOX_PORT = 8025;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GreenMail smtp;
  private final ServerBinding binding;
  private final int smtpPort;

  private MailDevnet(GreenMail smtp, ServerBinding binding, int smtpPort) {
    this.smtp = smtp;
    this.binding = binding;
    this.smtpPort = smtpPort;
  }

  /** The mailbox on the given ports (0 picks free ones). */
  public static DevnetComponent.Factory component(int smtpPort, int mailboxPort) {
    return (system, config, joystream) -> {
      GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
      smtp.start();
      try {
        ServerBinding binding =
            Http.get(system)
                .newServerAt("127.0.0.1", mailboxPort)
                .bind(routes(smtp))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return new MailDevnet(smtp, binding, smtp.getSmtp().getPort());
      } catch (Exception e) {
        smtp.stop();
        throw e;
      }
    };
  }

  static Route routes(GreenMail smtp) {
    return concat(
        pathSingleSlash(() -> get(() -> complete(text(smtp)))),
        path(
            "messages",
            () ->
                get(
                    () ->
                        complete(
                            HttpResponse.create()
                                .withEntity(
                                    HttpEntities.create(
                                        ContentTypes.APPLICATION_JSON,
                                        messages(smtp).toString()))))));
  }

  static ArrayNode messages(GreenMail smtp) {
    ArrayNode list = JSON.createArrayNode();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        ObjectNode o = list.addObject();
        o.put("to", join(m.getRecipients(Message.RecipientType.TO)));
        o.put("from", join(m.getFrom()));
        o.put("subject", m.getSubject());
        o.put("sentAt", m.getSentDate() == null ? "" : m.getSentDate().toInstant().toString());
        o.put("body", GreenMailUtil.getBody(m));
      } catch (MessagingException e) {
        list.addObject().put("error", "unreadable message: " + e.getMessage());
      }
    }
    return list;
  }

  private static String text(GreenMail smtp) {
    StringBuilder out = new StringBuilder();
    ArrayNode messages = messages(smtp);
    out.append(messages.size()).append(" e-mail(s) received by the devnet's mailbox\n");
    messages.forEach(
        m ->
            out.append("\n--- ")
                .append(m.path("sentAt").asText())
                .append("  to ")
                .append(m.path("to").asText())
                .append("\nSubject: ")
                .append(m.path("subject").asText())
                .append("\n\n")
                .append(m.path("body").asText().replace("\r\n", "\n"))
                .append('\n'));
    return out.toString();
  }

  private static String join(Address[] addresses) {
    if (addresses == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (Address a : addresses) {
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(a.toString());
    }
    return s.toString();
  }

  @Override
  public Map<String, String> endpoints() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("smtp (creator e-mails)", "smtp://127.0.0.1:" + smtpPort);
    out.put(
        "mailbox (what creators received)",
        "http://127.0.0.1:" + binding.localAddress().getPort() + "/");
    return out;
  }

  @Override
  public void close() {
    try {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing anyway.
    } finally {
      smtp.stop();
    }
  }
}
