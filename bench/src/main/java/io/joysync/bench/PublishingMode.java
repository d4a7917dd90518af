package io.joysync.bench;

import io.joysync.engine.publish.VideoToCreate;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A way of creating videos on chain that the saturation driver offers requests to. */
interface PublishingMode extends AutoCloseable {

  /**
   * Offers one video. The stage completes once the mode has answered it: with {@link #CREATED}, or
   * with the code of the reason it was not created.
   */
  CompletionStage<String> offer(VideoToCreate video);

  /** What the mode heard from the node about its nonces so far. */
  NonceErrors nonceErrors();

  /** How many extrinsics the mode broadcast (each sending counted). */
  int broadcasts();

  /** Starts or stops timing the mode's signing cycle, where it has one to show. */
  default void measuring(boolean on) {}

  /** The signing cycle's steps timed while measuring, where the mode has one to show. */
  default Optional<SigningCycle.Steps> signingCycle() {
    return Optional.empty();
  }

  @Override
  void close();

  String CREATED = "CREATED";

  /**
   * Nonce trouble as the node reported it: 1010 "outdated" (a used nonce), 1014 "priority too low"
   * or a replaced ("usurped") extrinsic (two extrinsics for one nonce), and extrinsics parked in
   * the future queue (a nonce gap).
   */
  record NonceErrors(int stale1010, int priority1014, int future) {
    int total() {
      return stale1010 + priority1014 + future;
    }
  }
}
