package io.joysync.engine.youtube.download;

import io.joysync.engine.youtube.download.DownloadFailure.RetryReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Downloads a video's thumbnail over HTTP, directly or through the SOCKS5 proxy bound to the
 * video's download (youtube-synch could not download thumbnails at all without a proxy). The body
 * is capped in size, must be an image, and is written to a temporary file that is moved into place
 * only when complete.
 */
public final class ThumbnailDownloader {

  private final long maxBytes;
  private final Duration timeout;
  private final Executor blocking;

  public ThumbnailDownloader(long maxBytes, Duration timeout, Executor blocking) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.blocking = blocking;
  }

  public CompletionStage<Path> download(
      String videoId, String url, Path target, Optional<String> socksProxyUrl) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return fetch(videoId, url, target, socksProxyUrl);
          } catch (DownloadException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  private Path fetch(String videoId, String url, Path target, Optional<String> socksProxyUrl)
      throws DownloadException {
    URI uri;
    try {
      uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new URISyntaxException(url, "only http and https thumbnails are fetched");
      }
    } catch (URISyntaxException e) {
      throw failure(videoId, RetryReason.UNKNOWN, "invalid thumbnail URL: " + e.getMessage());
    }
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      HttpURLConnection connection =
          (HttpURLConnection) uri.toURL().openConnection(proxy(socksProxyUrl));
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setInstanceFollowRedirects(true);
      int status = connection.getResponseCode();
      if (status == 429) {
        throw failure(videoId, RetryReason.RATE_LIMITED, "thumbnail: HTTP 429");
      }
      if (status != 200) {
        throw failure(videoId, RetryReason.UNKNOWN, "thumbnail: HTTP " + status);
      }
      String type = connection.getContentType();
      if (type == null || !type.startsWith("image/")) {
        throw failure(videoId, RetryReason.UNKNOWN, "thumbnail is not an image (" + type + ")");
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (InputStream in = connection.getInputStream();
          OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
          total += n;
          if (total > maxBytes) {
            throw failure(
                videoId, RetryReason.UNKNOWN, "thumbnail larger than " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
        if (total == 0) {
          throw failure(videoId, RetryReason.UNKNOWN, "thumbnail is empty");
        }
      }
      return Files.move(
          temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw failure(
          videoId,
          RetryReason.NETWORK,
          "thumbnail: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a leftover temporary file is overwritten next time
      }
    }
  }

  private static DownloadException failure(String videoId, RetryReason reason, String detail) {
    return new DownloadException(videoId, new DownloadFailure.Retryable(reason, detail));
  }

  static Proxy proxy(Optional<String> socksProxyUrl) {
    if (socksProxyUrl.isEmpty()) {
      return Proxy.NO_PROXY;
    }
    URI proxy = URI.create(socksProxyUrl.get());
    if (!proxy.getScheme().startsWith("socks5") || proxy.getHost() == null || proxy.getPort() < 1) {
      throw new IllegalArgumentException("proxies are socks5://host:port URLs");
    }
    return new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(proxy.getHost(), proxy.getPort()));
  }
}
