package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One request on its way into an extrinsic, with whom to answer: a video to create ({@code video})
 * or, when {@code update} is set, a title and description to put on a video already created.
 *
 * @param appNonce the app-action nonce a creation was signed with (the channel's totalVideosCreated
 *     at execution), -1 before it is signed and for an update
 * @param attempts how often its extrinsic failed and it was put back
 * @param update the edit to put on chain, or null for a creation
 */
public record BatchItem(
    VideoToCreate video,
    long appNonce,
    int attempts,
    List<ActorRef<CreationResult>> requesters,
    VideoUpdate update)
    implements CborSerializable {

  public BatchItem {
    requesters = List.copyOf(requesters);
  }

  static BatchItem requested(VideoToCreate video, ActorRef<CreationResult> requester) {
    return new BatchItem(video, -1, 0, List.of(requester), null);
  }

  static BatchItem requested(VideoUpdate update, ActorRef<CreationResult> requester) {
    return new BatchItem(null, -1, 0, List.of(requester), update);
  }

  boolean isUpdate() {
    return update != null;
  }

  String ytVideoId() {
    return isUpdate() ? update.ytVideoId() : video.ytVideoId();
  }

  /**
   * What identifies the request at its account: the YouTube id for a creation, the id and the edit
   * for an update (so a newer edit never joins an older one).
   */
  String key() {
    return isUpdate() ? update.key() : video.ytVideoId();
  }

  long channelId() {
    return isUpdate() ? update.joystreamChannelId() : video.joystreamChannelId();
  }

  BatchItem signedWith(long nonce) {
    return new BatchItem(video, nonce, attempts, requesters, update);
  }

  /** Back into the queue after its extrinsic failed (counted) or could not land (not counted). */
  BatchItem putBack(boolean counted) {
    return new BatchItem(video, -1, counted ? attempts + 1 : attempts, requesters, update);
  }
}
