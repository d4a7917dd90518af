package io.joysync.engine.youtube.api;

import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.ChannelListResponse;
import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemListResponse;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoListResponse;
import io.joysync.engine.youtube.ChannelLookup;
import io.joysync.engine.youtube.ChannelStatistics;
import io.joysync.engine.youtube.UploadedVideo;
import io.joysync.engine.youtube.UploadsPage;
import io.joysync.engine.youtube.VideoFilter;
import io.joysync.engine.youtube.YoutubeApiException;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.YoutubeVideo;
import io.joysync.engine.youtube.quota.QuotaCost;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The YouTube Data API v3 calls joysync makes (youtube-synch section 4.2), each charged to the
 * quota governor at its real cost: 1 unit per page of at most 50 items. Owner calls use the owner's
 * tokens (refreshed automatically); public calls use the API key. Failures are {@link
 * YoutubeApiException}s; lists are paged with a hard limit, never unbounded.
 */
public final class YoutubeDataClient {

  public static final int PAGE_SIZE = 50;

  /** Pages of uploads a syncable-uploads walk may read beyond the ones its limit needs. */
  static final int MAX_EXTRA_PAGES = 4;

  private static final List<String> SIGNUP_CHANNEL_PARTS =
      List.of("snippet", "contentDetails", "statistics", "brandingSettings");
  private static final List<String> PUBLIC_CHANNEL_PARTS =
      List.of("snippet", "contentDetails", "statistics");
  private static final List<String> VIDEO_PARTS =
      List.of("id", "status", "snippet", "statistics", "contentDetails", "liveStreamingDetails");

  private final GoogleApiCalls calls;
  private final YoutubeApiSettings settings;

  public YoutubeDataClient(YoutubeApiSettings settings, QuotaGovernor governor, Executor blocking) {
    this.settings = settings;
    this.calls = new GoogleApiCalls(settings, governor, blocking);
  }

  /** Sign-up: code exchange (offline access required), then user id and email from token info. */
  public CompletionStage<SignUpAuthorization> exchangeCode(String code, String redirectUri) {
    return calls.exchangeCode(code, redirectUri);
  }

  /**
   * The owner's channel ({@code channels.list mine=true}); empty when the Google account has no
   * YouTube channel. A suspended account fails with {@link YoutubeApiException.AccountSuspended}.
   */
  public CompletionStage<Optional<YoutubeChannel>> ownChannel(
      OwnerTokens owner, QuotaPurpose purpose) {
    return calls.call(
        purpose,
        QuotaCost.CHANNELS_LIST,
        owner,
        "channels.list mine",
        (yt, key) -> {
          ChannelListResponse response =
              ApiMapping.parse(
                  yt.channels().list(SIGNUP_CHANNEL_PARTS).setMine(true).executeUnparsed(),
                  ChannelListResponse.class);
          List<Channel> items = response.getItems();
          if (items == null || items.isEmpty()) {
            return Optional.<YoutubeChannel>empty();
          }
          return Optional.of(ApiMapping.channel(items.get(0)));
        });
  }

  /**
   * A public channel by id or handle ({@code channels.list id=} or {@code forHandle=}) with the API
   * key, 1 unit of sync quota (an operator waits for it: refused at once when the budget is spent);
   * empty when YouTube knows no such channel (or it is terminated).
   */
  public CompletionStage<Optional<YoutubeChannel>> publicChannel(ChannelLookup lookup) {
    return publicChannel(lookup, QuotaPurpose.SYNC_ON_REQUEST);
  }

  /** As {@link #publicChannel(ChannelLookup)}, charged to the given purpose. */
  public CompletionStage<Optional<YoutubeChannel>> publicChannel(
      ChannelLookup lookup, QuotaPurpose purpose) {
    return calls.call(
        purpose,
        QuotaCost.CHANNELS_LIST,
        null,
        "channels.list " + lookup,
        (yt, key) -> {
          var request = yt.channels().list(PUBLIC_CHANNEL_PARTS).setKey(key);
          if (lookup instanceof ChannelLookup.ById byId) {
            request.setId(List.of(byId.channelId()));
          } else if (lookup instanceof ChannelLookup.ByHandle byHandle) {
            request.setForHandle(byHandle.handle());
          }
          ChannelListResponse response =
              ApiMapping.parse(request.executeUnparsed(), ChannelListResponse.class);
          List<Channel> items = response.getItems();
          if (items == null || items.isEmpty()) {
            return Optional.<YoutubeChannel>empty();
          }
          return Optional.of(ApiMapping.channel(items.get(0)));
        });
  }

  /**
   * Statistics of up to any number of channels with the API key, 50 ids per 1-unit call. Channels
   * YouTube does not return (deleted, terminated) are absent from the map.
   */
  public CompletionStage<Map<String, ChannelStatistics>> channelStatistics(
      List<String> channelIds) {
    List<CompletionStage<Map<String, ChannelStatistics>>> chunks = new ArrayList<>();
    for (int from = 0; from < channelIds.size(); from += PAGE_SIZE) {
      List<String> chunk =
          List.copyOf(channelIds.subList(from, Math.min(channelIds.size(), from + PAGE_SIZE)));
      chunks.add(
          calls.call(
              QuotaPurpose.SYNC,
              QuotaCost.CHANNELS_LIST,
              null,
              "channels.list statistics of " + chunk,
              (yt, key) -> {
                ChannelListResponse response =
                    ApiMapping.parse(
                        yt.channels()
                            .list(List.of("id", "statistics"))
                            .setId(chunk)
                            .setMaxResults((long) PAGE_SIZE)
                            .setKey(key)
                            .executeUnparsed(),
                        ChannelListResponse.class);
                Map<String, ChannelStatistics> stats = new HashMap<>();
                if (response.getItems() != null) {
                  for (Channel c : response.getItems()) {
                    if (c.getId() == null) {
                      throw new YoutubeApiException.MalformedResponse(
                          "a channel without id in a statistics page", null);
                    }
                    stats.put(c.getId(), ApiMapping.statistics(c.getStatistics()));
                  }
                }
                return stats;
              }));
    }
    CompletableFuture<Map<String, ChannelStatistics>> all =
        CompletableFuture.completedFuture(new HashMap<>());
    for (CompletionStage<Map<String, ChannelStatistics>> chunk : chunks) {
      all =
          all.thenCombine(
              chunk,
              (a, b) -> {
                a.putAll(b);
                return a;
              });
    }
    return all.thenApply(Map::copyOf);
  }

  /** One page of an uploads playlist, newest first; as the owner when given, else with the key. */
  public CompletionStage<UploadsPage> uploadsPage(
      OwnerTokens owner,
      String playlistId,
      Optional<String> pageToken,
      int maxResults,
      QuotaPurpose purpose) {
    if (maxResults < 1 || maxResults > PAGE_SIZE) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("maxResults must be 1..50"));
    }
    return calls.call(
        purpose,
        QuotaCost.PLAYLIST_ITEMS_LIST,
        owner,
        "playlistItems.list of " + playlistId,
        (yt, key) -> {
          var request =
              yt.playlistItems()
                  .list(List.of("contentDetails"))
                  .setPlaylistId(playlistId)
                  .setMaxResults((long) maxResults);
          pageToken.ifPresent(request::setPageToken);
          if (key != null) {
            request.setKey(key);
          }
          PlaylistItemListResponse response =
              ApiMapping.parse(request.executeUnparsed(), PlaylistItemListResponse.class);
          List<UploadedVideo> videos = new ArrayList<>();
          if (response.getItems() != null) {
            for (PlaylistItem item : response.getItems()) {
              var details = item.getContentDetails();
              if (details == null
                  || details.getVideoId() == null
                  || details.getVideoPublishedAt() == null) {
                throw new YoutubeApiException.MalformedResponse(
                    "a playlist item without videoId or videoPublishedAt", null);
              }
              videos.add(
                  new UploadedVideo(
                      details.getVideoId(), ApiMapping.instant(details.getVideoPublishedAt())));
            }
          }
          return new UploadsPage(videos, Optional.ofNullable(response.getNextPageToken()));
        });
  }

  /**
   * The newest {@code limit} uploads, paging only as far as needed ({@code ceil(limit/50)} pages at
   * most).
   */
  public CompletionStage<List<UploadedVideo>> latestUploads(
      OwnerTokens owner, String playlistId, int limit, QuotaPurpose purpose) {
    return collect(owner, playlistId, Optional.empty(), limit, purpose, new ArrayList<>());
  }

  /**
   * A channel's newest {@code limit} uploads that may be synced ({@link VideoFilter}), newest
   * first, read with the API key: youtube-synch's ingestion, which pages through the uploads until
   * it has kept {@code limit} videos or there are no more. Each page of 50 costs a listing and a
   * details call; the walk stops after {@link #MAX_EXTRA_PAGES} pages beyond the ones {@code limit}
   * needs, so a channel of mostly unsyncable uploads cannot spend the day's quota.
   */
  public CompletionStage<List<YoutubeVideo>> syncableUploads(
      YoutubeChannel channel, int limit, QuotaPurpose purpose) {
    return syncableUploads(Optional.ofNullable(channel.uploadsPlaylistId()), limit, purpose);
  }

  /** The same, for a channel known by its uploads playlist. */
  public CompletionStage<List<YoutubeVideo>> syncableUploads(
      Optional<String> uploadsPlaylistId, int limit, QuotaPurpose purpose) {
    if (uploadsPlaylistId.isEmpty() || limit < 1) {
      return CompletableFuture.completedFuture(List.of());
    }
    int maxPages = (limit + PAGE_SIZE - 1) / PAGE_SIZE + MAX_EXTRA_PAGES;
    return keepSyncable(
        uploadsPlaylistId.get(), Optional.empty(), limit, maxPages, purpose, new ArrayList<>());
  }

  private CompletionStage<List<YoutubeVideo>> keepSyncable(
      String playlistId,
      Optional<String> token,
      int limit,
      int pagesLeft,
      QuotaPurpose purpose,
      List<YoutubeVideo> kept) {
    return uploadsPage(null, playlistId, token, PAGE_SIZE, purpose)
        .thenCompose(
            page ->
                page.videos().isEmpty()
                    ? CompletableFuture.completedFuture(List.<YoutubeVideo>of())
                    : videos(
                            null,
                            page.videos().stream().map(UploadedVideo::videoId).toList(),
                            purpose)
                        .thenCompose(
                            details -> {
                              details.stream().filter(VideoFilter::syncable).forEach(kept::add);
                              if (kept.size() >= limit
                                  || page.nextPageToken().isEmpty()
                                  || pagesLeft <= 1) {
                                return CompletableFuture.completedFuture(
                                    List.copyOf(kept.subList(0, Math.min(limit, kept.size()))));
                              }
                              return keepSyncable(
                                  playlistId,
                                  page.nextPageToken(),
                                  limit,
                                  pagesLeft - 1,
                                  purpose,
                                  kept);
                            }));
  }

  private CompletionStage<List<UploadedVideo>> collect(
      OwnerTokens owner,
      String playlistId,
      Optional<String> token,
      int limit,
      QuotaPurpose purpose,
      List<UploadedVideo> sofar) {
    if (sofar.size() >= limit) {
      return CompletableFuture.completedFuture(List.copyOf(sofar.subList(0, limit)));
    }
    int pageSize = Math.min(PAGE_SIZE, limit - sofar.size());
    return uploadsPage(owner, playlistId, token, pageSize, purpose)
        .thenCompose(
            page -> {
              sofar.addAll(page.videos());
              if (page.nextPageToken().isEmpty() || page.videos().isEmpty()) {
                return CompletableFuture.completedFuture(
                    List.copyOf(sofar.subList(0, Math.min(limit, sofar.size()))));
              }
              return collect(owner, playlistId, page.nextPageToken(), limit, purpose, sofar);
            });
  }

  /**
   * Details of videos by id, 50 per 1-unit call; ids YouTube does not return are absent. With the
   * owner's tokens {@code fileDetails} (the container) is included.
   */
  public CompletionStage<List<YoutubeVideo>> videos(
      OwnerTokens owner, List<String> ids, QuotaPurpose purpose) {
    List<String> parts = new ArrayList<>(VIDEO_PARTS);
    if (owner != null) {
      parts.add("fileDetails");
    }
    CompletableFuture<List<YoutubeVideo>> all =
        CompletableFuture.completedFuture(new ArrayList<>());
    for (int from = 0; from < ids.size(); from += PAGE_SIZE) {
      List<String> chunk = List.copyOf(ids.subList(from, Math.min(ids.size(), from + PAGE_SIZE)));
      CompletionStage<List<YoutubeVideo>> page =
          calls.call(
              purpose,
              QuotaCost.VIDEOS_LIST,
              owner,
              "videos.list of " + chunk,
              (yt, key) -> {
                var request = yt.videos().list(parts).setId(chunk).setMaxResults((long) PAGE_SIZE);
                if (key != null) {
                  request.setKey(key);
                }
                VideoListResponse response =
                    ApiMapping.parse(request.executeUnparsed(), VideoListResponse.class);
                List<YoutubeVideo> videos = new ArrayList<>();
                if (response.getItems() != null) {
                  for (Video v : response.getItems()) {
                    videos.add(ApiMapping.video(v, settings.endpoints()::watchUrl));
                  }
                }
                return videos;
              });
      all =
          all.thenCombine(
              page,
              (a, b) -> {
                a.addAll(b);
                return a;
              });
    }
    return all.thenApply(List::copyOf);
  }
}
