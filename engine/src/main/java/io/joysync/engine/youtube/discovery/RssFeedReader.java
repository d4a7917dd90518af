package io.joysync.engine.youtube.discovery;

import io.joysync.engine.youtube.YoutubeEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a channel's uploads feed (no quota, the 15 newest uploads) with a conditional GET, so an
 * unchanged feed costs a 304 and no parsing. Bodies are capped in size; an unusable feed is a
 * {@link FeedException} logged with the channel id, and never a partial list.
 */
public final class RssFeedReader {

  private static final Logger log = LoggerFactory.getLogger(RssFeedReader.class);

  private final YoutubeEndpoints endpoints;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxBytes;

  public RssFeedReader(
      YoutubeEndpoints endpoints, HttpClient http, Duration timeout, int maxBytes) {
    this.endpoints = endpoints;
    this.http = http;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  public CompletionStage<FeedResult> fetch(String channelId, FeedValidators previous) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoints.feedUrl(channelId))).timeout(timeout).GET();
    previous.etag().ifPresent(e -> request.header("If-None-Match", e));
    previous.lastModified().ifPresent(m -> request.header("If-Modified-Since", m));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(
            response -> {
              try {
                return interpret(channelId, response);
              } catch (FeedException e) {
                log.warn("feed of channel {} refused: {} {}", channelId, e.code(), e.getMessage());
                throw new CompletionException(e);
              }
            })
        .exceptionally(
            failure -> {
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof FeedException f) {
                throw new CompletionException(f);
              }
              log.info("feed of channel {} unreachable: {}", channelId, cause.toString());
              throw new CompletionException(
                  new FeedException(
                      "FEED_UNAVAILABLE", "the feed could not be fetched: " + cause.getMessage()));
            });
  }

  private FeedResult interpret(String channelId, HttpResponse<InputStream> response)
      throws FeedException {
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 304) {
        return new FeedResult.NotModified();
      }
      if (status == 404) {
        throw new FeedException("FEED_NOT_FOUND", "no feed for channel " + channelId);
      }
      if (status != 200) {
        throw new FeedException("FEED_UNAVAILABLE", "the feed answered HTTP " + status);
      }
      byte[] xml = body.readNBytes(maxBytes + 1);
      if (xml.length > maxBytes) {
        throw new FeedException("FEED_TOO_LARGE", "the feed is larger than " + maxBytes + " bytes");
      }
      FeedValidators validators =
          new FeedValidators(
              response.headers().firstValue("ETag"),
              response.headers().firstValue("Last-Modified"));
      return new FeedResult.Updated(AtomFeedParser.parse(xml), validators);
    } catch (IOException e) {
      throw new FeedException("FEED_UNAVAILABLE", "the feed could not be read: " + e.getMessage());
    }
  }
}
