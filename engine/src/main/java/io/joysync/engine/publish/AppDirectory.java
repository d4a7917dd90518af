package io.joysync.engine.publish;

import io.joysync.joystream.orion.OrionApp;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.scale.Hex;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Orion app joysync attributes its videos to, looked up by name once (again after a failure).
 * Its registered auth key must be the configured key's public half: otherwise Orion would drop the
 * attribution of every video, and the duplicate guard would go blind, so nothing is signed.
 */
final class AppDirectory {
  /** The app is missing from Orion or registered with another key. */
  static final class AppUnusable extends IllegalStateException {
    AppUnusable(String message) {
      super(message);
    }
  }

  private final OrionClient orion;
  private final PublishingSettings.App settings;
  private final AtomicReference<CompletableFuture<OrionApp>> app = new AtomicReference<>();

  AppDirectory(OrionClient orion, PublishingSettings.App settings) {
    this.orion = orion;
    this.settings = settings;
  }

  CompletionStage<OrionApp> app() {
    CompletableFuture<OrionApp> known = app.get();
    if (known != null && !known.isCompletedExceptionally()) {
      return known;
    }
    CompletableFuture<OrionApp> fresh =
        orion
            .appByName(settings.name())
            .thenApply(
                found -> {
                  OrionApp a =
                      found.orElseThrow(
                          () ->
                              new AppUnusable(
                                  "APP_NOT_FOUND: Orion knows no app named '"
                                      + settings.name()
                                      + "'"));
                  byte[] expected = settings.authKey().orElseThrow().publicKey();
                  if (a.authKeyBytes().map(k -> !Arrays.equals(k, expected)).orElse(true)) {
                    throw new AppUnusable(
                        "APP_KEY_MISMATCH: app '"
                            + settings.name()
                            + "' is registered with another auth key than "
                            + Hex.encode(expected)
                            + " (joysync.publishing.app.auth-key-seed)");
                  }
                  return a;
                });
    app.set(fresh);
    return fresh;
  }
}
