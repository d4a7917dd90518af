package io.joysync.engine.youtube.discovery;

import java.util.Optional;

/** The validators of the last feed seen, sent back as If-None-Match / If-Modified-Since. */
public record FeedValidators(Optional<String> etag, Optional<String> lastModified) {

  public static final FeedValidators NONE = new FeedValidators(Optional.empty(), Optional.empty());
}
