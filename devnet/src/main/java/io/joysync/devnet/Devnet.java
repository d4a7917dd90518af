package io.joysync.devnet;

import io.joysync.devnet.mail.MailDevnet;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code joysync devnet}: starts the Joystream chain node, Orion, a Colossus storage node and the
 * membership faucet from a seeded genesis config, prints the endpoints and runs until Ctrl-C.
 * {@link #start(DevnetSettings)} starts the same thing in-process for tests and the demo.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description =
        "Runs local stand-ins for a Joystream chain node, Orion, Colossus and YouTube with a"
            + " seeded genesis.")
public final class Devnet implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      description = "Genesis/config file (HOCON, keys under joysync.devnet); defaults built in.")
  Path config;

  @Option(names = "--chain-port", description = "WebSocket JSON-RPC port (default 9944).")
  Integer chainPort;

  @Option(names = "--orion-port", description = "Orion GraphQL port (default 4350).")
  Integer orionPort;

  @Option(names = "--colossus-port", description = "Colossus port (default 3333).")
  Integer colossusPort;

  @Option(names = "--admin-port", description = "Fault admin API port (default 9955).")
  Integer adminPort;

  @Option(names = "--faucet-port", description = "Membership faucet port (default 3002).")
  Integer faucetPort;

  @Option(names = "--block-interval", description = "Block time, e.g. 1s or 6s (default 1s).")
  String blockInterval;

  @Option(
      names = "--youtube-port",
      description = "YouTube stand-ins port (default 8090); -1 leaves them out.")
  Integer youtubePort;

  @Option(
      names = "--smtp-port",
      description =
          "The creators' mailbox: SMTP port (default 2525; its page on --mailbox-port, default"
              + " 8025); -1 leaves it out.")
  Integer smtpPort;

  @Option(names = "--mailbox-port", description = "The mailbox page's port (default 8025).")
  Integer mailboxPort;

  /** Starts the devnet in-process. */
  public static RunningDevnet start(DevnetSettings settings) throws Exception {
    return RunningDevnet.start(settings);
  }

  DevnetSettings settings() {
    DevnetSettings s = config == null ? DevnetSettings.defaults() : DevnetSettings.fromFile(config);
    if (chainPort != null) {
      s = s.with("chain.port", chainPort);
    }
    if (orionPort != null) {
      s = s.with("orion.port", orionPort);
    }
    if (colossusPort != null) {
      s = s.with("colossus.port", colossusPort);
    }
    if (adminPort != null) {
      s = s.with("admin.port", adminPort);
    }
    if (faucetPort != null) {
      s = s.with("faucet.port", faucetPort);
    }
    if (blockInterval != null) {
      s = s.with("chain.block-interval", blockInterval);
    }
    int youtube = youtubePort == null ? YoutubeDevnetSettings.DEFAULT_PORT : youtubePort;
    if (youtube >= 0) {
      s =
          s.withComponent(
              YoutubeDevnet.component(YoutubeDevnetSettings.defaults().withPort(youtube)));
    }
    int smtp = smtpPort == null ? MailDevnet.DEFAULT_SMTP_PORT : smtpPort;
    if (smtp >= 0) {
      s =
          s.withComponent(
              MailDevnet.component(
                  smtp, mailboxPort == null ? MailDevnet.DEFAULT_MAILBOX_PORT : mailboxPort));
    }
    return s;
  }

  @Override
  public Integer call() throws Exception {
    RunningDevnet devnet = start(settings());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  devnet.close();
                  stopped.countDown();
                },
                "devnet-shutdown"));
    System.out.println("joysync devnet is running (genesis " + devnet.genesisHash() + ")");
    devnet.endpoints().forEach((name, url) -> System.out.println("  " + name + ": " + url));
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Devnet()).execute(args));
  }
}
