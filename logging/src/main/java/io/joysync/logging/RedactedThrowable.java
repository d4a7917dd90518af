package io.joysync.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %redactedThrowable} for pattern layouts (the console): the stack trace with {@link
 * SecretRedaction} applied to it, exception messages included.
 */
public class RedactedThrowable extends ThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return SecretRedaction.redact(super.convert(event));
  }
}
