package io.joysync.joystream.faucet;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the faucet's register endpoint is, the captcha-bypass key sent as a bearer token and how
 * long one registration may take (the faucet waits for the block that includes the membership).
 * {@link #toString()} never shows the key.
 */
public record FaucetSettings(URI endpoint, String captchaBypassKey, Duration timeout) {
  public FaucetSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("faucet endpoint must be an http(s) URL: " + endpoint);
    }
    captchaBypassKey = captchaBypassKey == null ? "" : captchaBypassKey;
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("faucet timeout must be positive");
    }
  }

  public static FaucetSettings of(URI endpoint, String captchaBypassKey) {
    return new FaucetSettings(endpoint, captchaBypassKey, Duration.ofSeconds(60));
  }

  @Override
  public String toString() {
    return "FaucetSettings[endpoint="
        + endpoint
        + ", captchaBypassKey="
        + (captchaBypassKey.isEmpty() ? "<unset>" : "<set>")
        + ", timeout="
        + timeout
        + "]";
  }
}
