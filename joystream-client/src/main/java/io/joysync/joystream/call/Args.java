package io.joysync.joystream.call;

import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** SCALE shapes shared by several call arguments (optional bytes, u64 sets). */
final class Args {
  private Args() {}

  static void optionalBytes(ScaleWriter w, Optional<byte[]> bytes) {
    w.writeOption(bytes, ScaleWriter::writeByteVec);
  }

  static Optional<byte[]> optionalBytes(ScaleReader r) {
    return r.readOption(ScaleReader::readByteVec);
  }

  static void u64Set(ScaleWriter w, Collection<Long> ids) {
    w.writeU64Set(ids);
  }

  static Set<Long> u64Set(ScaleReader r) {
    TreeSet<Long> out = new TreeSet<>(Long::compareUnsigned);
    out.addAll(r.readVec(ScaleReader::readU64));
    return out;
  }

  static Map<Long, Set<ChannelActionPermission>> collaborators(
      Map<Long, ? extends Set<ChannelActionPermission>> map) {
    Map<Long, Set<ChannelActionPermission>> out = new HashMap<>();
    map.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return Map.copyOf(out);
  }

  static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
  }

  static int hash(Optional<byte[]> bytes) {
    return bytes.map(Arrays::hashCode).orElse(0);
  }

  static String text(Optional<byte[]> bytes) {
    return bytes.map(Hex::encode).orElse("None");
  }

  static Optional<byte[]> copy(Optional<byte[]> bytes) {
    return bytes.map(byte[]::clone);
  }
}
