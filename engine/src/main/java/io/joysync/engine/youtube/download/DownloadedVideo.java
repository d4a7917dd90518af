package io.joysync.engine.youtube.download;

import java.nio.file.Path;

/** A finished download: the file (named after the video id) and its size. */
public record DownloadedVideo(String videoId, Path file, long sizeBytes, String extension) {}
