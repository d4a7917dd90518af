package io.joysync.engine.signup;

import io.joysync.engine.link.JoystreamLinks;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.pattern.StatusReply;

/** The link claim both sign-up use cases make, with the link writer's refusal as a value. */
final class Links {

  private Links() {}

  /** Empty when the YouTube channel holds the link; else the link writer's refusal sentence. */
  static CompletionStage<Optional<String>> claim(
      JoystreamLinks links, long joystreamChannelId, String youtubeChannelId) {
    return links
        .claim(joystreamChannelId, youtubeChannelId)
        .handle(
            (done, e) -> {
              if (e == null) {
                return Optional.empty();
              }
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof StatusReply.ErrorMessage refusal) {
                return Optional.of(refusal.getMessage());
              }
              throw e instanceof CompletionException ce ? ce : new CompletionException(e);
            });
  }
}
