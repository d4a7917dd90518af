package io.joysync.engine.notify;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** Delivers a rendered e-mail; fails with a {@link MailException} when the server refuses it. */
public interface MailSender {

  CompletionStage<Done> send(String recipient, RenderedMail mail);
}
