package io.joysync.engine.channel;

import java.util.Optional;

/**
 * A channel's standing in the YouTube Partner Program, with the wire names Atlas knows ({@code
 * Unverified}, {@code Verified::Gold}, {@code Suspended::CopyrightBreach}, {@code OptedOut}).
 */
public record YppStatus(Kind kind, Optional<Tier> tier, Optional<SuspensionReason> reason) {

  public enum Kind {
    UNVERIFIED,
    VERIFIED,
    SUSPENDED,
    OPTED_OUT
  }

  public static final YppStatus UNVERIFIED =
      new YppStatus(Kind.UNVERIFIED, Optional.empty(), Optional.empty());
  public static final YppStatus OPTED_OUT =
      new YppStatus(Kind.OPTED_OUT, Optional.empty(), Optional.empty());

  public YppStatus {
    if ((kind == Kind.VERIFIED) != tier.isPresent()) {
      throw new IllegalArgumentException("A tier goes with Verified and only with it");
    }
    if ((kind == Kind.SUSPENDED) != reason.isPresent()) {
      throw new IllegalArgumentException("A reason goes with Suspended and only with it");
    }
  }

  public static YppStatus verified(Tier tier) {
    return new YppStatus(Kind.VERIFIED, Optional.of(tier), Optional.empty());
  }

  public static YppStatus suspended(SuspensionReason reason) {
    return new YppStatus(Kind.SUSPENDED, Optional.empty(), Optional.of(reason));
  }

  public boolean isVerified() {
    return kind == Kind.VERIFIED;
  }

  public boolean isSuspended() {
    return kind == Kind.SUSPENDED;
  }

  public boolean isOptedOut() {
    return kind == Kind.OPTED_OUT;
  }

  /** The limits that apply: the verified tier, or Bronze's for every other status. */
  public Tier limits() {
    return tier.orElse(Tier.BRONZE);
  }

  public String wireName() {
    return switch (kind) {
      case UNVERIFIED -> "Unverified";
      case VERIFIED -> "Verified::" + tier.get().wireName();
      case SUSPENDED -> "Suspended::" + reason.get().wireName();
      case OPTED_OUT -> "OptedOut";
    };
  }

  public static Optional<YppStatus> parse(String wireName) {
    if ("Unverified".equals(wireName)) {
      return Optional.of(UNVERIFIED);
    }
    if ("OptedOut".equals(wireName)) {
      return Optional.of(OPTED_OUT);
    }
    if (wireName != null && wireName.startsWith("Verified::")) {
      return Tier.parse(wireName.substring("Verified::".length())).map(YppStatus::verified);
    }
    if (wireName != null && wireName.startsWith("Suspended::")) {
      return SuspensionReason.parse(wireName.substring("Suspended::".length()))
          .map(YppStatus::suspended);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
