package io.joysync.devnet;

import com.typesafe.config.Config;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A further stand-in the devnet starts beside the Joystream side, sharing its actor system and
 * config (the place where the YouTube stand-ins plug in). Its endpoints are printed with the others
 * and it is closed with the devnet.
 */
public interface DevnetComponent extends AutoCloseable {
  /** Name to URL of what it serves, e.g. {@code "youtube" -> "http://127.0.0.1:8090"}. */
  Map<String, String> endpoints();

  @Override
  void close();

  /** Starts a component; called once the chain, Orion and Colossus are up. */
  @FunctionalInterface
  interface Factory {
    DevnetComponent start(ActorSystem<?> system, Config config, RunningDevnet joystream)
        throws Exception;
  }
}
