package io.joysync.devnet.faucet;

import com.typesafe.config.Config;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code joysync.devnet.faucet} settings: the port, the funded account that pays for the
 * memberships, the captcha-bypass key callers must present, the handle bounds and how many
 * registrations may wait. {@link #toString()} never shows the key.
 */
record FaucetConfig(
    int port,
    String accountUri,
    KeyType accountScheme,
    String captchaBypassKey,
    int minHandleLength,
    int maxHandleLength,
    int queueLimit,
    Duration inclusionTimeout) {

  static FaucetConfig from(Config c) {
    Config account = c.getConfig("account");
    return new FaucetConfig(
        c.getInt("port"),
        account.getString("uri"),
        KeyType.valueOf(account.getString("scheme").toUpperCase(Locale.ROOT)),
        c.getString("captcha-bypass-key"),
        c.getInt("min-handle-length"),
        c.getInt("max-handle-length"),
        c.getInt("queue-limit"),
        c.getDuration("inclusion-timeout"));
  }

  KeyPair account() {
    return KeyPair.fromUri(accountScheme, accountUri);
  }

  @Override
  public String toString() {
    return "FaucetConfig[port="
        + port
        + ", account="
        + account().address()
        + ", captchaBypassKey="
        + (captchaBypassKey.isEmpty() ? "<unset>" : "<set>")
        + ", handles="
        + minHandleLength
        + ".."
        + maxHandleLength
        + ", queueLimit="
        + queueLimit
        + ", inclusionTimeout="
        + inclusionTimeout
        + "]";
  }
}
