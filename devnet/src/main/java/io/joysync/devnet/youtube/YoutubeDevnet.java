package io.joysync.devnet.youtube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The YouTube part of the devnet: one HTTP server (port 8090 by default) with the Data API v3
 * subset under {@code /youtube/v3}, OAuth under {@code /oauth2} ({@code auth}, {@code token},
 * {@code tokeninfo}), RSS under {@code /feeds/videos.xml}, a WebSub hub at {@code /websub}, media
 * at {@code /media/<videoId>.mp4} (synthetic clips rendered by ffmpeg at start-up into a temporary
 * directory) and the operator's switches under {@code /admin}; plus SOCKS5 proxies on random
 * loopback ports for the download fleet.
 *
 * <p>Use: {@code try (var yt = YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0))) {
 * yt.baseUrl() ... }}. Point joysync at it with the Data API root URL {@code baseUrl + "/"}, the
 * token URL {@code baseUrl + "/oauth2/token"}, token info {@code baseUrl + "/oauth2/tokeninfo"},
 * feeds {@code baseUrl + "/feeds/videos.xml?channel_id={channelId}"}, hub {@code baseUrl +
 * "/websub"} and watch URLs {@code baseUrl + "/watch?v={videoId}"} (a page pointing yt-dlp at
 * {@code /media/<videoId>.mp4}).
 */
public final class YoutubeDevnet {

  private static final Logger log = LoggerFactory.getLogger(YoutubeDevnet.class);

  private YoutubeDevnet() {}

  /** A started devnet; {@link #close()} unbinds, stops the proxies and deletes the media. */
  public static final class Running implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final String baseUrl;
    private final FaultSwitches faults;
    private final List<DevnetSocksProxy> proxies;
    private final Path mediaDir;
    private final ExecutorService executor;

    private Running(
        ActorSystem<Void> system,
        ServerBinding binding,
        String baseUrl,
        FaultSwitches faults,
        List<DevnetSocksProxy> proxies,
        Path mediaDir,
        ExecutorService executor) {
      this.system = system;
      this.binding = binding;
      this.baseUrl = baseUrl;
      this.faults = faults;
      this.proxies = List.copyOf(proxies);
      this.mediaDir = mediaDir;
      this.executor = executor;
    }

    /** For example {@code http://127.0.0.1:8090}, without a trailing slash. */
    public String baseUrl() {
      return baseUrl;
    }

    public int port() {
      return binding.localAddress().getPort();
    }

    public FaultSwitches faults() {
      return faults;
    }

    public List<DevnetSocksProxy> proxies() {
      return proxies;
    }

    @Override
    public void close() {
      try {
        binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().join();
      } catch (CompletionException e) {
        log.debug("youtube devnet unbind: {}", e.toString());
      }
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      proxies.forEach(DevnetSocksProxy::close);
      executor.shutdownNow();
      SyntheticMedia.deleteAll(mediaDir);
    }
  }

  public static Running start(YoutubeDevnetSettings settings) throws IOException {
    Path mediaDir = Files.createTempDirectory("joysync-youtube-devnet-");
    List<DevnetSocksProxy> proxies = new ArrayList<>();
    ExecutorService executor =
        new ThreadPoolExecutor(
            2,
            8,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000),
            new ThreadPoolExecutor.CallerRunsPolicy());
    ActorSystem<Void> system = null;
    try {
      MediaCatalog media = SyntheticMedia.render(settings.media(), mediaDir);
      for (int i = 0; i < settings.socksProxies(); i++) {
        proxies.add(DevnetSocksProxy.start(settings.host(), 0));
      }
      FaultSwitches faults = new FaultSwitches(settings.initialFaults());
      DevnetWorld world = new DevnetWorld(settings.seed(), Clock.systemUTC(), media.clipCount());
      OAuthAuthority authority = new OAuthAuthority(world, settings.accessTokenLifetime());
      DataApi dataApi = new DataApi(world, authority, settings, faults, media);
      WebSubHub hub = new WebSubHub(world, media, settings.defaultLeaseSeconds(), executor);
      AdminApi admin =
          new AdminApi(
              world, authority, dataApi, hub, media, faults, settings.initialFaults(), proxies);
      YoutubeRoutes routes =
          new YoutubeRoutes(
              world,
              dataApi,
              new OAuthEndpoints(authority, world, settings, faults),
              hub,
              media,
              faults,
              admin);
      system =
          ActorSystem.create(
              Behaviors.empty(),
              "youtube-devnet",
              com.typesafe.config.ConfigFactory.defaultReference());
      ServerBinding binding =
          Http.get(system)
              .newServerAt(settings.host(), settings.port())
              .bind(routes.route())
              .toCompletableFuture()
              .join();
      String baseUrl = "http://" + settings.host() + ":" + binding.localAddress().getPort();
      media.baseUrl(baseUrl);
      log.info("YouTube devnet listening at {} ({} proxies)", baseUrl, proxies.size());
      return new Running(system, binding, baseUrl, faults, proxies, mediaDir, executor);
    } catch (IOException | RuntimeException e) {
      if (system != null) {
        system.terminate();
      }
      proxies.forEach(DevnetSocksProxy::close);
      executor.shutdownNow();
      SyntheticMedia.deleteAll(mediaDir);
      throw e;
    }
  }

  /** The YouTube stand-ins as a component of the whole devnet ({@code joysync devnet}). */
  public static io.joysync.devnet.DevnetComponent.Factory component(
      YoutubeDevnetSettings settings) {
    return (system, config, joystream) -> {
      Running running = start(settings);
      return new io.joysync.devnet.DevnetComponent() {
        @Override
        public java.util.Map<String, String> endpoints() {
          return java.util.Map.of(
              "youtube (Data API under /youtube/v3, OAuth, feeds, WebSub hub, media)",
              running.baseUrl());
        }

        @Override
        public void close() {
          running.close();
        }
      };
    };
  }

  /** Runs the YouTube devnet alone on its default port until the process is stopped. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : YoutubeDevnetSettings.DEFAULT_PORT;
    Running running = start(YoutubeDevnetSettings.defaults().withPort(port));
    Runtime.getRuntime().addShutdownHook(new Thread(running::close));
    System.out.println("YouTube devnet at " + running.baseUrl());
    Thread.currentThread().join();
  }
}
