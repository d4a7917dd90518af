package io.joysync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import co.elastic.logging.AdditionalField;
import co.elastic.logging.EcsJsonSerializer;
import co.elastic.logging.logback.EcsEncoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The ECS JSON encoder with {@link SecretRedaction} applied to each encoded line, so a secret that
 * slipped into a message, an exception or an MDC value is written neither to the log file nor to
 * Elasticsearch. Every line also carries {@code host.name} (the machine's name, unless the
 * configuration sets the field itself), and the key-value pairs of SLF4J's fluent API ({@code
 * log.atInfo().addKeyValue("videoId", id)}) as top-level fields, the way the MDC's are: the keys
 * joysync's lines carry (video, channel, stage, account, extrinsic hash, trace) are fields of the
 * index template, so Kibana filters on them and pivots from a line to its trace.
 */
public class RedactingEcsEncoder extends EcsEncoder {

  private boolean hostNameGiven;

  @Override
  public void addAdditionalField(AdditionalField field) {
    hostNameGiven |= "host.name".equals(field.getKey());
    super.addAdditionalField(field);
  }

  @Override
  public void start() {
    if (!hostNameGiven) {
      addAdditionalField(new AdditionalField("host.name", hostName()));
    }
    super.start();
  }

  @Override
  protected void addCustomFields(ILoggingEvent event, StringBuilder builder) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        if (pair.key != null && pair.value != null) {
          EcsJsonSerializer.serializeMdcEntry(builder, pair.key, String.valueOf(pair.value));
        }
      }
    }
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] encoded = super.encode(event);
    String line = new String(encoded, StandardCharsets.UTF_8);
    String redacted = SecretRedaction.redact(line);
    return redacted.equals(line) ? encoded : redacted.getBytes(StandardCharsets.UTF_8);
  }

  private String hostName() {
    String name =
        getContext() == null ? null : getContext().getProperty(CoreConstants.HOSTNAME_KEY);
    if (name == null || name.isBlank()) {
      name = System.getenv("HOSTNAME");
    }
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        name = "unknown";
      }
    }
    return name;
  }
}
