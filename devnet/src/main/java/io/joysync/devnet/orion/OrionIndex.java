package io.joysync.devnet.orion;

import com.google.protobuf.InvalidProtocolBufferException;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainEvent;
import io.joysync.devnet.chain.EventLog;
import io.joysync.devnet.chain.Genesis;
import io.joysync.joystream.content.proto.AppAction;
import io.joysync.joystream.content.proto.ChannelMetadata;
import io.joysync.joystream.content.proto.MembershipMetadata;
import io.joysync.joystream.content.proto.VideoMetadata;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Orion's processed state, built from the chain's events block by block as the Orion processor
 * does: memberships, channels (with totalVideosCreated), videos with their metadata and, when the
 * AppAction signature verifies against the app's auth key with the expected nonce, ytVideoId and
 * entryApp; data objects with isAccepted. Thread-safe: every access holds this object's lock.
 */
public final class OrionIndex {
  /** A membership row. */
  public static final class MemberRow {
    long id;
    String handle;
    String controller;
    String name;
    String about;
  }

  /** A channel row. */
  public static final class ChannelRow {
    long id;
    long owner;
    String title;
    String description;
    String language;
    int totalVideosCreated;
    long createdInBlock;
  }

  /** A video row. */
  public static final class VideoRow {
    long id;
    long channel;
    String title;
    String description;
    String ytVideoId;
    String entryApp;
    Long media;
    Long thumbnail;
    String createdAt;
    long createdInBlock;
    BigInteger bloatBond = BigInteger.ZERO;
    Integer duration;
    Boolean isPublic;
    String language;
  }

  /** A data object row. */
  public static final class ObjectRow {
    long id;
    long channel;
    long size;
    String ipfsHash;
    boolean accepted;
    BigInteger bond = BigInteger.ZERO;
    String type = "DataObjectTypeVideoMedia";
    Long video;
  }

  final Map<Long, MemberRow> members = new TreeMap<>();
  final Map<Long, ChannelRow> channels = new TreeMap<>();
  final Map<Long, VideoRow> videos = new TreeMap<>();
  final Map<Long, ObjectRow> objects = new TreeMap<>();
  final List<Genesis.App> apps;
  private final BigInteger videoBond;
  private final BigInteger objectBond;
  private long lastProcessedBlock;

  public OrionIndex(List<Genesis.App> apps, BigInteger videoBond, BigInteger objectBond) {
    this.apps = List.copyOf(apps);
    this.videoBond = videoBond;
    this.objectBond = objectBond;
  }

  public synchronized long lastProcessedBlock() {
    return lastProcessedBlock;
  }

  synchronized void seedMember(long id, String handle, String controller) {
    MemberRow m = new MemberRow();
    m.id = id;
    m.handle = handle;
    m.controller = controller;
    members.put(id, m);
  }

  synchronized void seedChannel(long id, long owner, String title, String language) {
    ChannelRow c = new ChannelRow();
    c.id = id;
    c.owner = owner;
    c.title = title;
    c.language = language;
    channels.put(id, c);
  }

  /** Applies one block's events; blocks must come in order. */
  public synchronized void process(Block block, java.util.function.Function<byte[], String> ss58) {
    for (EventLog.Record r : block.events()) {
      if (r.domain().isPresent()) {
        apply(r.domain().get(), block, ss58);
      }
    }
    lastProcessedBlock = block.number();
  }

  private void apply(ChainEvent e, Block block, java.util.function.Function<byte[], String> ss58) {
    if (e instanceof ChainEvent.MembershipBought m) {
      MemberRow row = new MemberRow();
      row.id = m.memberId();
      row.handle = m.handle();
      row.controller = ss58.apply(m.controller().bytes());
      try {
        MembershipMetadata meta = MembershipMetadata.parseFrom(m.metadata());
        row.name = meta.hasName() ? meta.getName() : null;
        row.about = meta.hasAbout() ? meta.getAbout() : null;
      } catch (InvalidProtocolBufferException ex) {
        row.name = null;
      }
      members.put(row.id, row);
    } else if (e instanceof ChainEvent.ChannelCreated c) {
      ChannelRow row = new ChannelRow();
      row.id = c.channelId();
      row.owner = c.ownerMember();
      row.createdInBlock = block.number();
      c.meta().ifPresent(meta -> channelMeta(row, meta));
      channels.put(row.id, row);
    } else if (e instanceof ChainEvent.ChannelUpdated c) {
      ChannelRow row = channels.get(c.channelId());
      if (row != null) {
        c.meta().ifPresent(meta -> channelMeta(row, meta));
      }
    } else if (e instanceof ChainEvent.ChannelDeleted c) {
      channels.remove(c.channelId());
      videos.values().removeIf(v -> v.channel == c.channelId());
    } else if (e instanceof ChainEvent.DataObjectsUploaded u) {
      for (int i = 0; i < u.objectIds().size(); i++) {
        ObjectRow o = new ObjectRow();
        o.id = u.objectIds().get(i);
        o.channel = u.channelId();
        o.size = u.sizes().get(i);
        o.ipfsHash = u.cids().get(i);
        o.bond = objectBond;
        objects.put(o.id, o);
      }
    } else if (e instanceof ChainEvent.DataObjectsAccepted a) {
      a.objectIds()
          .forEach(id -> Optional.ofNullable(objects.get(id)).ifPresent(o -> o.accepted = true));
    } else if (e instanceof ChainEvent.DataObjectsDeleted d) {
      d.objectIds().forEach(objects::remove);
    } else if (e instanceof ChainEvent.VideoDeleted d) {
      videos.remove(d.videoId());
    } else if (e instanceof ChainEvent.VideoCreated v) {
      videoCreated(v, block);
    } else if (e instanceof ChainEvent.VideoUpdated u) {
      videoUpdated(u);
    }
  }

  private static void channelMeta(ChannelRow row, byte[] meta) {
    try {
      ChannelMetadata m = ChannelMetadata.parseFrom(meta);
      if (m.hasTitle()) {
        row.title = m.getTitle();
      }
      if (m.hasDescription()) {
        row.description = m.getDescription();
      }
      if (m.hasLanguage()) {
        row.language = m.getLanguage();
      }
    } catch (InvalidProtocolBufferException e) {
      row.title = row.title == null ? null : row.title;
    }
  }

  private void videoCreated(ChainEvent.VideoCreated v, Block block) {
    ChannelRow channel = channels.get(v.channelId());
    VideoRow row = new VideoRow();
    row.id = v.videoId();
    row.channel = v.channelId();
    row.createdInBlock = block.number();
    row.createdAt = Instant.ofEpochMilli(block.timestamp()).toString();
    row.bloatBond = videoBond;
    byte[] meta = v.meta().orElse(new byte[0]);
    byte[] content = meta;
    Optional<AppAction> action = AppActions.parse(meta);
    if (action.isPresent() && channel != null) {
      AppAction a = action.get();
      content = a.getRawAction().toByteArray();
      Optional<Genesis.App> app =
          apps.stream().filter(x -> x.id().equals(a.getAppId())).findFirst();
      if (app.isPresent()
          && AppActions.verify(
              app.get(), a, channel.totalVideosCreated, v.channelId(), v.assets())) {
        row.entryApp = app.get().id();
        row.ytVideoId = AppActions.videoId(a).orElse(null);
      }
    }
    VideoMetadata vm = AppActions.videoMetadata(content);
    if (vm != null) {
      row.title = vm.hasTitle() ? vm.getTitle() : null;
      row.description = vm.hasDescription() ? vm.getDescription() : null;
      row.duration = vm.hasDuration() ? vm.getDuration() : null;
      row.isPublic = vm.hasIsPublic() ? vm.getIsPublic() : null;
      row.language = vm.hasLanguage() ? vm.getLanguage() : null;
      row.media = assetAt(v.objectIds(), vm.hasVideo() ? vm.getVideo() : -1);
      row.thumbnail = assetAt(v.objectIds(), vm.hasThumbnailPhoto() ? vm.getThumbnailPhoto() : -1);
    }
    for (long id : v.objectIds()) {
      ObjectRow o = objects.get(id);
      if (o != null) {
        o.video = row.id;
        o.type =
            Long.valueOf(id).equals(row.thumbnail)
                ? "DataObjectTypeVideoThumbnail"
                : "DataObjectTypeVideoMedia";
      }
    }
    videos.put(row.id, row);
    if (channel != null) {
      channel.totalVideosCreated++;
    }
  }

  /**
   * As Orion: the new metadata is an AppAction's raw action or plain ContentMetadata; only the
   * fields it sets change (a metadata-only update brings no assets, so asset indices are ignored).
   */
  private void videoUpdated(ChainEvent.VideoUpdated u) {
    VideoRow row = videos.get(u.videoId());
    if (row == null || u.newMeta().isEmpty()) {
      return;
    }
    byte[] meta = u.newMeta().get();
    byte[] content = AppActions.parse(meta).map(a -> a.getRawAction().toByteArray()).orElse(meta);
    VideoMetadata vm = AppActions.videoMetadata(content);
    if (vm == null) {
      return;
    }
    if (vm.hasTitle()) {
      row.title = vm.getTitle();
    }
    if (vm.hasDescription()) {
      row.description = vm.getDescription();
    }
    if (vm.hasDuration()) {
      row.duration = vm.getDuration();
    }
    if (vm.hasIsPublic()) {
      row.isPublic = vm.getIsPublic();
    }
    if (vm.hasLanguage()) {
      row.language = vm.getLanguage();
    }
  }

  private static Long assetAt(List<Long> ids, int index) {
    List<Long> sorted = new ArrayList<>(ids);
    sorted.sort(Long::compare);
    return index >= 0 && index < sorted.size() ? sorted.get(index) : null;
  }
}
