package io.joysync.engine.youtube;

/** Public counters of a channel; a counter YouTube leaves out reads as 0. */
public record ChannelStatistics(
    long viewCount, long subscriberCount, long videoCount, long commentCount) {

  public static final ChannelStatistics NONE = new ChannelStatistics(0, 0, 0, 0);
}
