package io.joysync.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %redactedMessage} for pattern layouts (the console): the message with {@link
 * SecretRedaction} applied, as the JSON lines have it.
 */
public class RedactedMessage extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return SecretRedaction.redact(super.convert(event));
  }
}
