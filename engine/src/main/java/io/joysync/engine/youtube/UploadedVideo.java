package io.joysync.engine.youtube;

import java.time.Instant;

/** One entry of a channel's uploads playlist: the video id and when it was published. */
public record UploadedVideo(String videoId, Instant publishedAt) {}
