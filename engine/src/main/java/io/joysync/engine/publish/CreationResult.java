package io.joysync.engine.publish;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.joysync.engine.serialization.CborSerializable;
import java.util.List;

/**
 * The answer to a request to create a video on Joystream, or to update one ({@link Updated} or
 * {@link Refused}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "result")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CreationResult.Created.class, name = "Created"),
  @JsonSubTypes.Type(value = CreationResult.Updated.class, name = "Updated"),
  @JsonSubTypes.Type(value = CreationResult.Refused.class, name = "Refused")
})
public sealed interface CreationResult extends CborSerializable {
  String ytVideoId();

  /**
   * The video exists on chain, at finality.
   *
   * @param assetIds the data objects: the media first, the thumbnail second
   * @param blockNumber the block that created it, or 0 when it was found through Orion
   */
  record Created(String ytVideoId, long videoId, List<Long> assetIds, long blockNumber)
      implements CreationResult {
    public Created {
      assetIds = List.copyOf(assetIds);
    }
  }

  /**
   * Edit {@code revision} of the video is on chain, at finality ({@code blockNumber}).
   *
   * @param videoId the Joystream video
   */
  record Updated(String ytVideoId, long videoId, int revision, long blockNumber)
      implements CreationResult {
    /** The request this answers: {@link VideoUpdate#key()}. */
    public String key() {
      return ytVideoId + "@" + revision;
    }
  }

  /**
   * The video was not created (or not updated).
   *
   * @param code a stable code, e.g. {@code ASSET_SIZE} or {@code CHAIN_REJECTED:Content.Error}
   * @param reason a sentence a person can act on
   * @param retryable whether asking again later may succeed
   */
  record Refused(String ytVideoId, String code, String reason, boolean retryable)
      implements CreationResult {
    /** No configured account is a collaborator of the channel with AddVideo. */
    public static final String CHANNEL_NOT_COLLABORATOR = "CHANNEL_NOT_COLLABORATOR";

    /** The Joystream channel does not exist. */
    public static final String CHANNEL_NOT_FOUND = "CHANNEL_NOT_FOUND";

    public static final String INVALID_METADATA = "INVALID_METADATA";
    public static final String ASSET_SIZE = "ASSET_SIZE";
    public static final String INVALID_CONTENT_ID = "INVALID_CONTENT_ID";

    /** Prefix of the chain's own error, e.g. {@code CHAIN_REJECTED:Content.ActorNotAuthorized}. */
    public static final String CHAIN_REJECTED = "CHAIN_REJECTED:";

    /** The account cannot pay for videos now; publishing on it is paused. */
    public static final String ACCOUNT_LOW_FUNDS = "ACCOUNT_LOW_FUNDS";

    /** Another writer uses the account's nonces; the account stopped signing for a while. */
    public static final String ACCOUNT_FENCED = "ACCOUNT_FENCED";

    /** No account is configured, or none that can take the video now. */
    public static final String NO_ACCOUNT = "NO_ACCOUNT";

    /** The chain, Orion or the account did not answer in time; the video may still be created. */
    public static final String UNAVAILABLE = "UNAVAILABLE";

    /** The video was retried too often without success. */
    public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
  }
}
