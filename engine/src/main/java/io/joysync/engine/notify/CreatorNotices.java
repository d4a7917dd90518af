package io.joysync.engine.notify;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which events a creator hears of, and with what: a sign-up (or a sign-up again), a verification
 * with its tier, a suspension with its reason, leaving the program (the owner's wish or joysync's
 * own opt-out, with why), the first of the channel's videos on Joystream, and the end of the
 * channel's first sync (none of its videos left to take). Channels an operator added without their
 * owner have no one to tell.
 */
public final class CreatorNotices {

  /** Who to tell about a channel, as the read side knows it. */
  public record Contact(String userId, String email, String title, long joystreamChannelId) {

    /** Whether the owner signed the channel up (an operator's add has no one to write to). */
    boolean reachable() {
      return !userId.startsWith(Registration.operatorAddedUserId(""))
          && email.contains("@")
          && !email.isBlank();
    }
  }

  private final String appUrl;

  /** {@code appUrl}: the app creators use (Atlas), for the links in the e-mails. */
  public CreatorNotices(String appUrl) {
    this.appUrl = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
  }

  /**
   * The notice a channel event calls for, if any; {@code contact} is the channel as the read side
   * holds it (a sign-up carries its own).
   */
  public Optional<CreatorNotice> forChannelEvent(
      String channelId, long seqNr, ChannelEntity.Event event, Optional<Contact> contact) {
    String key = "event-" + seqNr;
    if (event instanceof ChannelEntity.SignedUp e) {
      return notice(channelId, key, NoticeKind.SIGNED_UP, contactOf(e.registration()), Map.of());
    }
    if (event instanceof ChannelEntity.SignedUpAgain e) {
      return notice(channelId, key, NoticeKind.SIGNED_UP, contactOf(e.registration()), Map.of());
    }
    if (event instanceof ChannelEntity.ChannelVerified e) {
      return notice(
          channelId, key, NoticeKind.VERIFIED, contact, Map.of("tier", e.tier().wireName()));
    }
    if (event instanceof ChannelEntity.ChannelSuspended e) {
      return notice(
          channelId, key, NoticeKind.SUSPENDED, contact, Map.of("reason", e.reason().wireName()));
    }
    if (event instanceof ChannelEntity.OwnerOptedOut e && e.optOut()) {
      return notice(
          channelId, key, NoticeKind.OPTED_OUT, contact, Map.of("reason", "at your request"));
    }
    if (event instanceof ChannelEntity.AutoOptedOut e) {
      return notice(channelId, key, NoticeKind.OPTED_OUT, contact, Map.of("reason", why(e)));
    }
    return Optional.empty();
  }

  /**
   * Whether the channel event calls for a notice whose addressee the read side supplies (a sign-up
   * carries its own; other events call for none).
   */
  public static boolean needsContact(ChannelEntity.Event event) {
    return event instanceof ChannelEntity.ChannelVerified
        || event instanceof ChannelEntity.ChannelSuspended
        || (event instanceof ChannelEntity.OwnerOptedOut o && o.optOut())
        || event instanceof ChannelEntity.AutoOptedOut;
  }

  /** Whether a video event is a first video on Joystream for its channel (uploaded and stored). */
  public static boolean isSynced(VideoEntity.Event event) {
    return event instanceof VideoEntity.VideoAdvanced e
        && e.record().state().stage() == VideoState.Stage.UPLOAD_SUCCEEDED;
  }

  /**
   * Whether a video event ends the video's way (on Joystream, or given up as unavailable): the
   * channel's first sync may be complete with it.
   */
  public static boolean endsVideo(VideoEntity.Event event) {
    return event instanceof VideoEntity.VideoAdvanced e && e.record().state().isFinal();
  }

  /**
   * The notice that the channel's first sync is complete, once per channel: {@code synced} of its
   * videos are on Joystream and {@code skipped} could not be taken. A channel none of whose videos
   * reached Joystream has nothing to announce.
   */
  public Optional<CreatorNotice> forFirstSyncCompleted(
      String channelId, long synced, long skipped, Optional<Contact> contact) {
    if (synced == 0) {
      return Optional.empty();
    }
    return notice(
        channelId,
        "first-sync-completed",
        NoticeKind.FIRST_SYNC_COMPLETED,
        contact,
        Map.of("videos", Long.toString(synced), "skipped", Long.toString(skipped)));
  }

  /**
   * The notice of the channel's first video on Joystream: one per channel, whichever video gets
   * there first.
   */
  public Optional<CreatorNotice> forSyncedVideo(
      String channelId, VideoEntity.VideoAdvanced event, Optional<Contact> contact) {
    String videoUrl =
        event.record().joystreamVideo().map(v -> appUrl + "/video/" + v.id()).orElse(appUrl);
    return notice(
        channelId,
        "first-video-synced",
        NoticeKind.FIRST_VIDEO_SYNCED,
        contact,
        Map.of("videoUrl", videoUrl));
  }

  private Optional<CreatorNotice> notice(
      String channelId,
      String key,
      NoticeKind kind,
      Optional<Contact> contact,
      Map<String, String> extra) {
    if (contact.isEmpty() || !contact.get().reachable()) {
      return Optional.empty();
    }
    Contact c = contact.get();
    Map<String, String> values = new HashMap<>(extra);
    values.put("title", c.title());
    values.put("joystreamChannelId", Long.toString(c.joystreamChannelId()));
    values.put("channelUrl", appUrl + "/channel/" + c.joystreamChannelId());
    values.put("youtubeChannelId", channelId);
    return Optional.of(new CreatorNotice(channelId, key, kind, c.email(), values));
  }

  private static Optional<Contact> contactOf(Registration r) {
    return Optional.of(
        new Contact(r.userId(), r.email(), r.profile().title(), r.joystreamChannelId()));
  }

  private static String why(ChannelEntity.AutoOptedOut e) {
    return switch (e.reason()) {
      case COLLABORATOR_REVOKED ->
          "the program's permission to publish on your Joystream channel was removed";
      case JOYSTREAM_CHANNEL_DELETED -> "your Joystream channel was deleted";
      case YOUTUBE_ACCOUNT_TERMINATED -> "your YouTube channel is no longer on YouTube";
    };
  }
}
