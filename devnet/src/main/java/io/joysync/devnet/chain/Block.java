package io.joysync.devnet.chain;

import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.List;

/**
 * A produced block: its header fields, extrinsics (as submitted, the timestamp inherent first) and
 * its System.Events. The header encodes as Substrate's generic header (parent hash, compact number,
 * state root, extrinsics root, digest) and the block hash is blake2b-256 of it. The roots are
 * digests of the block's content, not Merkle-trie roots.
 */
public record Block(
    long number,
    byte[] hash,
    byte[] parentHash,
    byte[] stateRoot,
    byte[] extrinsicsRoot,
    List<byte[]> extrinsics,
    List<EventLog.Record> events,
    long timestamp) {
  public Block {
    extrinsics = List.copyOf(extrinsics);
    events = List.copyOf(events);
  }

  static byte[] encodeHeader(long number, byte[] parent, byte[] stateRoot, byte[] extrinsicsRoot) {
    return new ScaleWriter()
        .writeBytes(parent)
        .writeCompact(number)
        .writeBytes(stateRoot)
        .writeBytes(extrinsicsRoot)
        .writeCompact(0)
        .toByteArray();
  }

  static Block seal(
      long number,
      byte[] parent,
      byte[] stateRoot,
      List<byte[]> extrinsics,
      List<EventLog.Record> events,
      long timestamp) {
    ScaleWriter body = new ScaleWriter().writeCompact(extrinsics.size());
    extrinsics.forEach(body::writeBytes);
    byte[] extrinsicsRoot = Hashing.blake2b256(body.toByteArray());
    byte[] hash = Hashing.blake2b256(encodeHeader(number, parent, stateRoot, extrinsicsRoot));
    return new Block(
        number, hash, parent, stateRoot, extrinsicsRoot, extrinsics, events, timestamp);
  }

  public String hashHex() {
    return Hex.encode(hash);
  }

  public byte[] eventsValue() {
    return EventLog.encodeAll(events);
  }

  /** The block with its body and events dropped, kept for old headers. */
  Block pruned() {
    return new Block(
        number, hash, parentHash, stateRoot, extrinsicsRoot, List.of(), List.of(), timestamp);
  }
}
