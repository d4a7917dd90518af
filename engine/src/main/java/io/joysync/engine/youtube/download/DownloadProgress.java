package io.joysync.engine.youtube.download;

import java.util.OptionalLong;

/** Bytes downloaded so far for one video, as yt-dlp reports them; the total may be unknown. */
public record DownloadProgress(String videoId, long downloadedBytes, OptionalLong totalBytes) {}
