package io.joysync.engine.channel;

import io.joysync.engine.channel.TokenCipher.EncryptedToken;
import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A creator's sign-up of a YouTube channel to the YPP (youtube-synch's {@code POST /channels}):
 * who, which Joystream channel (and its language, which synced videos take), the sync wishes, and
 * the owner's tokens, already encrypted.
 */
public record Registration(
    String userId,
    String email,
    long joystreamChannelId,
    Optional<String> joystreamChannelLanguage,
    boolean shouldBeIngested,
    Optional<String> videoCategoryId,
    Optional<Long> referrerChannelId,
    ChannelProfile profile,
    Optional<OwnerTokens> tokens,
    Instant at)
    implements CborSerializable {

  /** youtube-synch's user id of a channel an operator added without its owner's grant. */
  private static final String OPERATOR_ADDED_USER = "UnauthorizedUser-";

  /** The user id an operator's add of {@code youtubeChannelId} signs up with. */
  public static String operatorAddedUserId(String youtubeChannelId) {
    return OPERATOR_ADDED_USER + youtubeChannelId;
  }

  /**
   * Whether the channel's owner signed it up (with their grant), rather than an operator adding it
   * as a public channel: owner sign-ups hold tokens or a Google account id.
   */
  public boolean signedUpByOwner() {
    return tokens.isPresent() || !userId.startsWith(OPERATOR_ADDED_USER);
  }

  public Registration withProfile(ChannelProfile next) {
    return new Registration(
        userId,
        email,
        joystreamChannelId,
        joystreamChannelLanguage,
        shouldBeIngested,
        videoCategoryId,
        referrerChannelId,
        next,
        tokens,
        at);
  }

  public Registration withoutTokens() {
    return new Registration(
        userId,
        email,
        joystreamChannelId,
        joystreamChannelLanguage,
        shouldBeIngested,
        videoCategoryId,
        referrerChannelId,
        profile,
        Optional.empty(),
        at);
  }

  /** The owner's OAuth tokens, encrypted at rest (plaintext never reaches an event). */
  public record OwnerTokens(EncryptedToken access, EncryptedToken refresh)
      implements CborSerializable {}
}
