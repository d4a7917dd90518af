package io.joysync.joystream.events;

import java.math.BigInteger;
import java.util.List;

/**
 * Typed views of the events joysync acts on. Build them from decoded records with {@link
 * JoystreamEvents#view}; every other event stays available as its generic {@link EventRecord}.
 */
public sealed interface JoystreamEvent {

  /** System.ExtrinsicSuccess. */
  record ExtrinsicSuccess(DispatchInfo info) implements JoystreamEvent {}

  /** System.ExtrinsicFailed, with the module error resolved to its name. */
  record ExtrinsicFailed(DispatchError error, DispatchInfo info) implements JoystreamEvent {}

  /**
   * Content.VideoCreated: the new video's id and, sorted ascending, the ids of its data objects
   * (the i-th smallest id belongs to the i-th asset of the call).
   */
  record VideoCreated(
      ContentActor actor,
      long channelId,
      long videoId,
      List<DataObjectCreation> assets,
      String metaHex,
      BigInteger expectedVideoStateBloatBond,
      List<Long> dataObjectIds)
      implements JoystreamEvent {
    public VideoCreated {
      assets = List.copyOf(assets);
      dataObjectIds = List.copyOf(dataObjectIds);
    }
  }

  /**
   * Content.ChannelUpdated: the channel's metadata, assets or collaborators changed (which of them
   * is read from the channel's state at that block).
   */
  record ChannelUpdated(ContentActor actor, long channelId) implements JoystreamEvent {}

  /** Content.ChannelTransferAccepted: the channel has a new owner (and collaborators). */
  record ChannelTransferAccepted(long channelId) implements JoystreamEvent {}

  /** Content.ChannelDeleted. */
  record ChannelDeleted(ContentActor actor, long channelId) implements JoystreamEvent {}

  /** Content.VideoUpdated: a video's metadata (and possibly assets) changed. */
  record VideoUpdated(ContentActor actor, long videoId, String newMetaHex)
      implements JoystreamEvent {}

  /** Content.VideoDeleted. */
  record VideoDeleted(ContentActor actor, long videoId) implements JoystreamEvent {}

  /** Storage.DataObjectsUploaded into a bag (bag id in Colossus form, e.g. dynamic:channel:5). */
  record DataObjectsUploaded(
      List<Long> dataObjectIds,
      String bagId,
      List<DataObjectCreation> objects,
      BigInteger expectedDataSizeFee,
      BigInteger stateBloatBond)
      implements JoystreamEvent {
    public DataObjectsUploaded {
      dataObjectIds = List.copyOf(dataObjectIds);
      objects = List.copyOf(objects);
    }
  }

  /** Utility.BatchInterrupted: item {@code index} failed, later items did not run. */
  record BatchInterrupted(long index, DispatchError error) implements JoystreamEvent {}

  enum BatchCompleted implements JoystreamEvent {
    INSTANCE;

    @Override
    public String toString() {
      return "BatchCompleted";
    }
  }

  enum BatchCompletedWithErrors implements JoystreamEvent {
    INSTANCE;

    @Override
    public String toString() {
      return "BatchCompletedWithErrors";
    }
  }

  enum ItemCompleted implements JoystreamEvent {
    INSTANCE;

    @Override
    public String toString() {
      return "ItemCompleted";
    }
  }

  record ItemFailed(DispatchError error) implements JoystreamEvent {}

  /** One asset as uploaded: its byte size and its content id (46 ASCII characters). */
  record DataObjectCreation(long size, String ipfsContentId) {}
}
