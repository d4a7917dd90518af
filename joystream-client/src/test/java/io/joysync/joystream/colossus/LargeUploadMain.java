package io.joysync.joystream.colossus;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link LargeUploadTest} with a small heap: uploads one file to a storage
 * node and exits 0 only when the node stored it. Arguments: endpoint, bucket id, data object id,
 * bag id, file.
 */
public final class LargeUploadMain {
  private LargeUploadMain() {}

  public static void main(String[] args) {
    StorageNode node = new StorageNode(Long.parseLong(args[1]), URI.create(args[0]));
    UploadRequest request =
        new UploadRequest(Long.parseLong(args[2]), new StorageBagId(args[3]), Path.of(args[4]));
    UploadOutcome outcome =
        ColossusClient.create().upload(node, request).orTimeout(10, TimeUnit.MINUTES).join();
    System.out.println("max heap " + Runtime.getRuntime().maxMemory() + " outcome " + outcome);
    System.exit(outcome instanceof UploadOutcome.Stored ? 0 : 1);
  }
}
