package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.Answer;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.RuntimeCall;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.call.UpdateVideo;
import io.joysync.joystream.content.AppActionSigner;
import io.joysync.joystream.content.VideoAppAction;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns candidate requests into {@code content.create_video} and {@code content.update_video}
 * calls, in order, while the budget allows. An update is a metadata-only update_video of the video
 * as the account's member, with the chain's data-object bond. For a creation: each video's app
 * action is signed with its channel's next nonce (the channel's count plus the videos of that
 * channel already taken), and its bonds, fee and bucket witness are the chain's current values. A
 * video whose channel has no storage bag is refused; one whose channel count is unknown is left for
 * later, as is everything after the first video that does not fit.
 */
final class BatchBuilder {

  /** The chain's values every create_video must quote exactly. */
  record Quotes(
      BigInteger videoBond, BigInteger objectBond, BigInteger perMegabyteFee, String appId) {}

  /** What was built. */
  record Built(
      List<BatchItem> items,
      List<RuntimeCall> calls,
      List<Answer> refused,
      List<BatchItem> leftover,
      BigInteger bondsAndFees) {
    RuntimeCall batch(SignedBatch.Mode mode) {
      return mode == SignedBatch.Mode.ALL ? Batch.all(calls) : Batch.of(calls);
    }
  }

  private static final BigInteger MEGABYTE = BigInteger.valueOf(1_048_576);

  private final BatchBudget budget;
  private final long memberId;
  private final AppActionSigner appKey;

  BatchBuilder(BatchBudget budget, long memberId, AppActionSigner appKey) {
    this.budget = budget;
    this.memberId = memberId;
    this.appKey = appKey;
  }

  /**
   * @param buckets the storage buckets of each channel's bag, empty when it has none
   * @param counts the channels' video counts (absent: not known yet)
   * @param takeAll for a diagnosis batch: every candidate goes in (they fitted before)
   */
  Built build(
      List<BatchItem> candidates,
      Map<Long, Optional<List<Long>>> buckets,
      Map<Long, Long> counts,
      Quotes quotes,
      boolean takeAll) {
    List<BatchItem> items = new ArrayList<>();
    List<RuntimeCall> calls = new ArrayList<>();
    List<Answer> refused = new ArrayList<>();
    List<BatchItem> leftover = new ArrayList<>();
    Map<Long, Long> used = new HashMap<>();
    BigInteger cost = BigInteger.ZERO;
    long weight = budget.emptyBatchWeight();
    long length = 8;
    boolean full = false;
    for (BatchItem item : candidates) {
      if (item.isUpdate()) {
        if (full) {
          leftover.add(item);
          continue;
        }
        UpdateVideo call = update(item.update(), quotes);
        byte[] encoded = call.encode();
        long w = budget.updateWeight(call.newMeta().map(m -> m.length).orElse(0));
        boolean fits =
            budget.fits(weight + w, length + encoded.length) && calls.size() < Batch.MAX_CALLS;
        if (!items.isEmpty() && !fits && !takeAll) {
          full = true;
          leftover.add(item);
          continue;
        }
        items.add(item);
        calls.add(call);
        weight += w;
        length += encoded.length;
        continue;
      }
      long channel = item.channelId();
      Optional<List<Long>> bag = buckets.getOrDefault(channel, Optional.empty());
      if (full || !counts.containsKey(channel) && bag.isPresent()) {
        leftover.add(item);
        continue;
      }
      if (bag.isEmpty()) {
        refused.add(
            new Answer(
                item,
                new Refused(
                    item.ytVideoId(),
                    Refused.CHANNEL_NOT_FOUND,
                    "Joystream channel " + channel + " or its storage bag does not exist",
                    false)));
        continue;
      }
      long nonce = counts.get(channel) + used.getOrDefault(channel, 0L);
      CreateVideo call = call(item, nonce, bag.get().size(), quotes);
      byte[] encoded = call.encode();
      long w = budget.videoWeight(2, bag.get().size(), call.meta().map(m -> m.length).orElse(0));
      boolean fits =
          budget.fits(weight + w, length + encoded.length) && calls.size() < Batch.MAX_CALLS;
      if (!items.isEmpty() && !fits && !takeAll) {
        full = true;
        leftover.add(item);
        continue;
      }
      items.add(item.signedWith(nonce));
      calls.add(call);
      used.merge(channel, 1L, Long::sum);
      weight += w;
      length += encoded.length;
      cost = cost.add(cost(item, quotes));
    }
    return new Built(items, calls, refused, leftover, cost);
  }

  private CreateVideo call(BatchItem item, long nonce, int buckets, Quotes quotes) {
    VideoToCreate v = item.video();
    StorageAssets assets =
        new StorageAssets(
            List.of(
                new DataObjectCreation(v.media().sizeBytes(), v.media().contentId()),
                new DataObjectCreation(v.thumbnail().sizeBytes(), v.thumbnail().contentId())),
            quotes.perMegabyteFee());
    ScaleWriter assetsScale = new ScaleWriter().writeU8(1);
    assets.encode(assetsScale);
    byte[] meta =
        VideoAppAction.create(
                quotes.appId(),
                nonce,
                v.joystreamChannelId(),
                assetsScale.toByteArray(),
                v.metadata(),
                appKey)
            .metaBytes();
    return new CreateVideo(
        ContentActor.member(memberId),
        v.joystreamChannelId(),
        Optional.of(assets),
        Optional.of(meta),
        quotes.videoBond(),
        quotes.objectBond(),
        buckets);
  }

  private UpdateVideo update(VideoUpdate update, Quotes quotes) {
    return UpdateVideo.metadata(
        ContentActor.member(memberId),
        update.joystreamVideoId(),
        update.newMeta(),
        quotes.objectBond());
  }

  /** Bonds and the storage fee of one video (the fee rounds the upload up to whole megabytes). */
  private static BigInteger cost(BatchItem item, Quotes quotes) {
    long bytes = item.video().media().sizeBytes() + item.video().thumbnail().sizeBytes();
    BigInteger megabytes =
        BigInteger.valueOf(bytes).add(MEGABYTE).subtract(BigInteger.ONE).divide(MEGABYTE);
    return quotes
        .videoBond()
        .add(quotes.objectBond().multiply(BigInteger.TWO))
        .add(megabytes.multiply(quotes.perMegabyteFee()));
  }
}
