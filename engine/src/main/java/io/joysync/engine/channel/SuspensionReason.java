package io.joysync.engine.channel;

import java.util.Arrays;
import java.util.Optional;

/** Why an operator suspended a channel from the YPP. */
public enum SuspensionReason {
  COPYRIGHT_BREACH("CopyrightBreach"),
  MISLEADING_CONTENT("MisleadingContent"),
  PROGRAM_TERMS_EXPLOIT("ProgramTermsExploit"),
  UNSUPPORTED_TOPIC("UnsupportedTopic");

  private final String wireName;

  SuspensionReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<SuspensionReason> parse(String wireName) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(wireName)).findFirst();
  }
}
