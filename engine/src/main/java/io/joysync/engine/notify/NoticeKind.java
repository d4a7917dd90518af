package io.joysync.engine.notify;

/** The occasions on which a creator hears from joysync; each names its template. */
public enum NoticeKind {
  SIGNED_UP("signed-up"),
  VERIFIED("verified"),
  SUSPENDED("suspended"),
  OPTED_OUT("opted-out"),
  FIRST_VIDEO_SYNCED("first-video-synced"),
  FIRST_SYNC_COMPLETED("first-sync-completed");

  private final String template;

  NoticeKind(String template) {
    this.template = template;
  }

  /** The template's name: {@code <name>.txt} among the templates. */
  public String template() {
    return template;
  }
}
