package io.joysync.joystream.content;

/**
 * The two licenses YouTube reports, with the Joystream license code a synced video carries: CC0
 * (1002 in Atlas' list) for Creative Commons videos, the "custom / all rights reserved" code 1009
 * otherwise, as youtube-synch sets them.
 */
public enum YoutubeLicense {
  STANDARD(1009),
  CREATIVE_COMMONS(1002);

  private final int joystreamCode;

  YoutubeLicense(int joystreamCode) {
    this.joystreamCode = joystreamCode;
  }

  /** The Joystream license code written into the video metadata. */
  public int joystreamCode() {
    return joystreamCode;
  }

  /**
   * Maps the Data API's {@code status.license} value ({@code youtube} or {@code creativeCommon});
   * anything else, including null, is the standard license.
   */
  public static YoutubeLicense fromApi(String value) {
    return "creativeCommon".equals(value) ? CREATIVE_COMMONS : STANDARD;
  }
}
