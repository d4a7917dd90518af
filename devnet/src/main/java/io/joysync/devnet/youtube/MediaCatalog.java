package io.joysync.devnet.youtube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the devnet's media lives: the synthetic clips and thumbnail rendered at start-up and the
 * public URLs (which need the bound port, hence the base URL is set once the server is up).
 */
final class MediaCatalog {

  private final List<Path> clips;
  private final Path thumbnail;
  private volatile String baseUrl = "http://127.0.0.1";

  MediaCatalog(List<Path> clips, Path thumbnail) {
    this.clips = List.copyOf(clips);
    this.thumbnail = thumbnail;
  }

  void baseUrl(String url) {
    this.baseUrl = url;
  }

  String baseUrl() {
    return baseUrl;
  }

  Path clip(int index) {
    return clips.get(Math.floorMod(index, clips.size()));
  }

  int clipCount() {
    return clips.size();
  }

  Path thumbnail() {
    return thumbnail;
  }

  long clipSize(int index) {
    try {
      return Files.size(clip(index));
    } catch (IOException e) {
      return 0;
    }
  }

  String videoUrl(String videoId) {
    return baseUrl + "/media/" + videoId + ".mp4";
  }

  String thumbnailUrl(String videoId, String size) {
    return baseUrl + "/thumbnails/" + videoId + "/" + size + ".jpg";
  }

  String channelThumbnailUrl(String channelId, String size) {
    return baseUrl + "/thumbnails/channel/" + channelId + "/" + size + ".jpg";
  }

  String bannerUrl(String channelId) {
    return baseUrl + "/thumbnails/banner/" + channelId + ".jpg";
  }
}
