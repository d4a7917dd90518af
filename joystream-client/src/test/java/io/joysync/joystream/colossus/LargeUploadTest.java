package io.joysync.joystream.colossus;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.joystream.colossus.FakeStorageNode.Reply;
import io.joysync.joystream.content.ContentIdHasher;
import io.joysync.joystream.content.HashingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The upload streams from disk: a 300 MB file goes through a child JVM whose heap is capped at 64
 * MB, and the node receives every byte (same size, same content id).
 */
class LargeUploadTest {
  private static final long SIZE = 300L * 1024 * 1024;

  @Test
  void threeHundredMegabytesUploadWithA64MegabyteHeap() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path file = Files.createTempFile("joysync-large-upload", ".bin");
    try {
      ContentIdHasher.HashedContent expected = writeRandom(file);
      try (var node =
          new FakeStorageNode(
              r -> new Reply(201, "{\"id\":\"" + r.file().contentId().value() + "\"}"))) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LargeUploadMain.class.getName());
        command.add(node.endpoint().toString());
        command.add("7");
        command.add("4242");
        command.add("dynamic:channel:99");
        command.add(file.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = child.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
          child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child finished in time").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("max heap");
        long maxHeap = Long.parseLong(output.replaceAll("(?s).*max heap (\\d+).*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(64L * 1024 * 1024);

        FakeStorageNode.Received received = node.received().get(0);
        assertThat(received.error()).isNull();
        assertThat(received.query())
            .containsEntry("dataObjectId", "4242")
            .containsEntry("storageBucketId", "7")
            .containsEntry("bagId", "dynamic:channel:99");
        assertThat(received.file().size()).isEqualTo(SIZE);
        assertThat(received.file()).isEqualTo(expected);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static ContentIdHasher.HashedContent writeRandom(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(300);
    byte[] chunk = new byte[1024 * 1024];
    HashingOutputStream out =
        new HashingOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    try (OutputStream o = out) {
      for (long written = 0; written < SIZE; written += chunk.length) {
        random.nextBytes(chunk);
        o.write(chunk);
      }
    }
    return out.finish();
  }
}
