package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One video on its way into an extrinsic, with whom to answer.
 *
 * @param appNonce the app-action nonce it was signed with (the channel's totalVideosCreated at
 *     execution), -1 before it is signed
 * @param attempts how often its extrinsic failed and it was put back
 */
public record BatchItem(
    VideoToCreate video, long appNonce, int attempts, List<ActorRef<CreationResult>> requesters)
    implements CborSerializable {

  public BatchItem {
    requesters = List.copyOf(requesters);
  }

  static BatchItem requested(VideoToCreate video, ActorRef<CreationResult> requester) {
    return new BatchItem(video, -1, 0, List.of(requester));
  }

  String ytVideoId() {
    return video.ytVideoId();
  }

  long channelId() {
    return video.joystreamChannelId();
  }

  BatchItem signedWith(long nonce) {
    return new BatchItem(video, nonce, attempts, requesters);
  }

  /** Back into the queue after its extrinsic failed (counted) or could not land (not counted). */
  BatchItem putBack(boolean counted) {
    return new BatchItem(video, -1, counted ? attempts + 1 : attempts, requesters);
  }
}
