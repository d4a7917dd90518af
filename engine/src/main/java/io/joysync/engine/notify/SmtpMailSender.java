package io.joysync.engine.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;

/**
 * Sends e-mails over SMTP with Jakarta Mail, on the given executor (the node's blocking one), with
 * connect, read and write timeouts, so a slow server delays only the e-mails. Refusals become a
 * {@link MailException} with a code; the credentials appear in no message.
 */
public final class SmtpMailSender implements MailSender {

  private final MailSettings settings;
  private final Session session;
  private final InternetAddress from;
  private final Executor executor;

  public SmtpMailSender(MailSettings settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
    String protocol = settings.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", settings.host().orElseThrow());
    props.put(p + "port", Integer.toString(settings.port()));
    props.put(p + "auth", Boolean.toString(settings.username().isPresent()));
    String millis = Long.toString(settings.timeout().toMillis());
    props.put(p + "connectiontimeout", millis);
    props.put(p + "timeout", millis);
    props.put(p + "writetimeout", millis);
    if (settings.security() == MailSettings.Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (settings.security() != MailSettings.Security.NONE) {
      props.put(p + "ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(props);
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "joysync.mail.from is not a valid e-mail address: " + e.getMessage(), e);
    }
  }

  @Override
  public CompletionStage<Done> send(String recipient, RenderedMail mail) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (settings.username().isPresent()) {
              Transport.send(message, settings.username().get(), settings.password().orElseThrow());
            } else {
              Transport.send(message);
            }
            return Done.getInstance();
          } catch (AddressException e) {
            throw new MailException(
                "MAIL_BAD_ADDRESS", "the creator's e-mail address is not valid", e);
          } catch (AuthenticationFailedException e) {
            throw new MailException(
                "SMTP_AUTH_FAILED", "the SMTP server refused joysync's credentials", e);
          } catch (SendFailedException e) {
            throw new MailException(
                "SMTP_REFUSED", "the SMTP server refused the e-mail: " + oneLine(e), e);
          } catch (MessagingException e) {
            String code =
                hasCause(e, SocketTimeoutException.class) ? "SMTP_TIMEOUT" : "SMTP_UNAVAILABLE";
            throw new MailException(
                code, "the SMTP server could not take the e-mail: " + oneLine(e), e);
          }
        },
        executor);
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").strip();
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
