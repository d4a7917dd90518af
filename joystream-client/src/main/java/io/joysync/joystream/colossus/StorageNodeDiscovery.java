package io.joysync.joystream.colossus;

import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionStorageBucket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a storage node to upload a bag's assets to, as youtube-synch does: ask Orion for the
 * buckets with an active operator that store the bag and publish an http(s) endpoint, shuffle them
 * so load spreads over operators, and take the first whose version endpoint answers. One round per
 * call; the caller decides how often and how long to retry when no node answers.
 */
public final class StorageNodeDiscovery {
  private static final Logger log = LoggerFactory.getLogger(StorageNodeDiscovery.class);

  private final OrionClient orion;
  private final ColossusClient colossus;
  private final Random random;

  public StorageNodeDiscovery(OrionClient orion, ColossusClient colossus, Random random) {
    this.orion = orion;
    this.colossus = colossus;
    this.random = random;
  }

  public StorageNodeDiscovery(OrionClient orion, ColossusClient colossus) {
    this(orion, colossus, new Random());
  }

  /**
   * The nodes that may take uploads for the bag, shuffled. Buckets with an endpoint that is not an
   * http(s) URL are left out. Fails with an Orion exception when Orion cannot answer.
   */
  public CompletableFuture<List<StorageNode>> candidates(StorageBagId bag) {
    return orion
        .storageBucketsForBag(bag.value())
        .thenApply(
            buckets -> {
              List<StorageNode> nodes = new ArrayList<>();
              for (OrionStorageBucket bucket : buckets) {
                try {
                  nodes.add(StorageNode.of(bucket.id(), bucket.nodeEndpoint()));
                } catch (IllegalArgumentException e) {
                  log.warn("Skipping storage bucket {}: {}", bucket.id(), e.getMessage());
                }
              }
              synchronized (random) {
                Collections.shuffle(nodes, random);
              }
              return List.copyOf(nodes);
            });
  }

  /** The first candidate whose version probe answers, or empty when none does. */
  public CompletableFuture<Optional<StorageNode>> findUploadNode(StorageBagId bag) {
    return candidates(bag).thenCompose(nodes -> firstAlive(nodes, 0));
  }

  private CompletableFuture<Optional<StorageNode>> firstAlive(List<StorageNode> nodes, int index) {
    if (index >= nodes.size()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return colossus
        .probe(nodes.get(index))
        .thenCompose(
            probe -> {
              if (probe instanceof NodeProbe.Alive alive) {
                return CompletableFuture.completedFuture(Optional.of(alive.node()));
              }
              NodeProbe.Down down = (NodeProbe.Down) probe;
              log.info(
                  "Storage node {} (bucket {}) is down: {}",
                  down.node().endpoint(),
                  down.node().bucketId(),
                  down.reason());
              return firstAlive(nodes, index + 1);
            });
  }
}
