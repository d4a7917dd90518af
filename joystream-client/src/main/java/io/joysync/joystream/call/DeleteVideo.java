package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Optional;

/**
 * {@code content.delete_video(actor, video_id, num_objects_to_delete, storage_buckets_num_witness)}
 * (26/14). The object count must equal the video's asset count; the witness is needed when it is
 * not zero.
 */
public record DeleteVideo(
    ContentActor actor,
    long videoId,
    long numObjectsToDelete,
    Optional<Long> storageBucketsNumWitness)
    implements RuntimeCall {

  @Override
  public int palletIndex() {
    return Pallets.CONTENT;
  }

  @Override
  public int callIndex() {
    return Pallets.CONTENT_DELETE_VIDEO;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    actor.encode(w);
    w.writeU64(videoId).writeU64(numObjectsToDelete);
    w.writeOption(storageBucketsNumWitness, ScaleWriter::writeU32);
  }

  static DeleteVideo decodeArgs(ScaleReader r) {
    return new DeleteVideo(
        ContentActor.decode(r), r.readU64(), r.readU64(), r.readOption(ScaleReader::readU32));
  }
}
