package io.joysync.engine.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one signer account settled and what went wrong with it, counted on the node where its entity
 * runs: videos created and refused at finality (named {@code created.videos}, not {@code
 * videos.created}: Prometheus reserves the {@code _created} suffix of a counter), and failures by
 * kind ({@code retry}: a transient failure of the chain or Orion; {@code paused_low_funds} and
 * {@code fenced}: the account stopped taking work; {@code extrinsic_expired}: an extrinsic that can
 * never land; {@code nonce_taken}: another writer used its nonce).
 */
final class AccountMeters {

  private final MeterRegistry registry;
  private final String account;
  private final Counter created;
  private final Counter refused;

  AccountMeters(MeterRegistry registry, long memberId) {
    this.registry = registry;
    this.account = Long.toString(memberId);
    this.created =
        Counter.builder("joysync.signer.created.videos")
            .description("Videos the account created on chain, at finality")
            .tag("account", account)
            .register(registry);
    this.refused =
        Counter.builder("joysync.signer.refused.videos")
            .description("Videos of the account's extrinsics that the chain refused, at finality")
            .tag("account", account)
            .register(registry);
  }

  void settled(int createdVideos, int refusedVideos) {
    created.increment(createdVideos);
    refused.increment(refusedVideos);
  }

  void failure(String kind) {
    Counter.builder("joysync.signer.failures")
        .description("Failures of the signer account, by kind")
        .tag("account", account)
        .tag("kind", kind)
        .register(registry)
        .increment();
  }
}
