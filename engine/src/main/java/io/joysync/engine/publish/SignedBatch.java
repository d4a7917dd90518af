package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A signed extrinsic of one account, recorded before it is broadcast: everything needed to find it
 * on chain (nonce, hash), to know when it can no longer land (its mortal era), to send the very
 * same bytes again, and to answer for the creations and updates in it.
 *
 * @param birthBlock the first block of its mortal era; it is valid up to {@link #deathBlock()}
 * @param specVersion the runtime version it was signed for
 * @param mode {@code ALL} for utility.batch_all; {@code DIAGNOSE} for utility.batch, used to find
 *     the video a failed batch_all stumbled on
 */
public record SignedBatch(
    long nonce,
    String txHash,
    String extrinsicHex,
    long birthBlock,
    int eraPeriod,
    long specVersion,
    Mode mode,
    List<BatchItem> items,
    Instant signedAt)
    implements CborSerializable {

  public enum Mode {
    ALL,
    DIAGNOSE
  }

  public SignedBatch {
    items = List.copyOf(items);
  }

  /** The first block in which the extrinsic is no longer valid. */
  public long deathBlock() {
    return birthBlock + eraPeriod;
  }

  Set<Long> channels() {
    return items.stream().map(BatchItem::channelId).collect(Collectors.toSet());
  }

  boolean holds(String key) {
    return items.stream().anyMatch(i -> i.key().equals(key));
  }
}
