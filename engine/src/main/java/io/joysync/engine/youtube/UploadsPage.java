package io.joysync.engine.youtube;

import java.util.List;
import java.util.Optional;

/** One page of a channel's uploads playlist, newest first, with the token of the next page. */
public record UploadsPage(List<UploadedVideo> videos, Optional<String> nextPageToken) {

  public UploadsPage {
    videos = List.copyOf(videos);
  }
}
