package io.joysync.bench;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.io.IOException;

/**
 * The YouTube devnet in a JVM of its own for the discovery benchmark, so that the node's CPU and
 * heap are measured alone: the standard seed plus {@code channels} generated channels, a quota no
 * run can spend, no SOCKS proxies. Prints {@code READY <base URL>} once it listens and stops when
 * its standard input closes (when the benchmark ends, however it ends).
 */
public final class YoutubeDevnetProcess {

  private YoutubeDevnetProcess() {}

  public static void main(String[] args) throws IOException {
    int channels = Integer.parseInt(args[0]);
    YoutubeDevnet.Running devnet =
        YoutubeDevnet.start(
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withSocksProxies(0)
                .withDailyQuota(1_000_000_000L)
                .withSeed(DevnetSeed.standard().withGeneratedChannels(channels)));
    System.out.println("READY " + devnet.baseUrl());
    System.out.flush();
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
    devnet.close();
    System.exit(0);
  }
}
