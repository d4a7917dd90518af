package io.joysync.joystream.call;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code members.buy_membership(params)} (21/0): root and controller accounts, an optional handle
 * (its UTF-8 bytes), the MembershipMetadata protobuf bytes and an optional referrer member id. The
 * signer pays the membership price.
 */
public record BuyMembership(
    AccountId rootAccount,
    AccountId controllerAccount,
    Optional<String> handle,
    byte[] metadata,
    Optional<Long> referrerId)
    implements RuntimeCall {

  public BuyMembership {
    metadata = metadata.clone();
  }

  @Override
  public byte[] metadata() {
    return metadata.clone();
  }

  @Override
  public int palletIndex() {
    return Pallets.MEMBERS;
  }

  @Override
  public int callIndex() {
    return Pallets.MEMBERS_BUY_MEMBERSHIP;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    w.writeBytes(rootAccount.bytes()).writeBytes(controllerAccount.bytes());
    w.writeOption(handle, ScaleWriter::writeString);
    w.writeByteVec(metadata);
    w.writeOption(referrerId, ScaleWriter::writeU64);
  }

  static BuyMembership decodeArgs(ScaleReader r) {
    AccountId root = new AccountId(r.readBytes(32));
    AccountId controller = new AccountId(r.readBytes(32));
    int at = r.position();
    Optional<byte[]> handle = r.readOption(ScaleReader::readByteVec);
    Optional<String> text =
        handle.map(
            h -> {
              String s = new String(h, StandardCharsets.UTF_8);
              if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), h)) {
                throw new ScaleException("membership handle at offset " + at + " is not UTF-8");
              }
              return s;
            });
    return new BuyMembership(
        root, controller, text, r.readByteVec(), r.readOption(ScaleReader::readU64));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BuyMembership o
        && rootAccount.equals(o.rootAccount)
        && controllerAccount.equals(o.controllerAccount)
        && handle.equals(o.handle)
        && java.util.Arrays.equals(metadata, o.metadata)
        && referrerId.equals(o.referrerId);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        rootAccount, controllerAccount, handle, java.util.Arrays.hashCode(metadata), referrerId);
  }

  @Override
  public String toString() {
    return "BuyMembership["
        + "rootAccount="
        + rootAccount
        + ", "
        + "controllerAccount="
        + controllerAccount
        + ", "
        + "handle="
        + handle
        + ", "
        + "metadata="
        + io.joysync.joystream.scale.Hex.encode(metadata)
        + ", "
        + "referrerId="
        + referrerId
        + "]";
  }
}
