package io.joysync.engine.notify;

import java.util.Map;

/**
 * One e-mail to a creator, before its template is applied: the channel, the key that makes it
 * unique (the same key is never sent twice), the occasion, the address, and the values the template
 * fills in.
 */
public record CreatorNotice(
    String channelId, String key, NoticeKind kind, String recipient, Map<String, String> values) {

  public CreatorNotice {
    values = Map.copyOf(values);
  }
}
