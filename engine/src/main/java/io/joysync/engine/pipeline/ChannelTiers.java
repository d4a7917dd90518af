package io.joysync.engine.pipeline;

import io.joysync.engine.channel.Tier;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The YPP tiers of channels, which weigh their back catalogues in the {@link SyncOrder}: read from
 * the read side, never by waking the channels' entities.
 */
@FunctionalInterface
public interface ChannelTiers {

  /**
   * The tiers of those of {@code channelIds} the read side knows; a channel that is not verified
   * has Bronze's (as its limits are Bronze's).
   */
  CompletionStage<Map<String, Tier>> of(Set<String> channelIds);
}
