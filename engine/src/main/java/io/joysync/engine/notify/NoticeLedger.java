package io.joysync.engine.notify;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Which notices were claimed and sent. A notice is claimed (atomically, once in the cluster) before
 * it is sent: a notice whose claim exists is never sent again, so a redelivered event, a restart or
 * a second node cannot send it twice. A claim whose sending failed is released, so it is tried
 * again.
 */
public interface NoticeLedger {

  /** True when this caller claimed the notice now; false when it was claimed before. */
  CompletionStage<Boolean> claim(String channelId, String key, NoticeKind kind, Instant at);

  CompletionStage<Done> sent(String channelId, String key, Instant at);

  CompletionStage<Done> release(String channelId, String key);
}
