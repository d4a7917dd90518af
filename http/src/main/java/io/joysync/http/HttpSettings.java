package io.joysync.http;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code joysync.http} settings, read once at start-up. */
public record HttpSettings(
    String interfaceName,
    int port,
    Duration askTimeout,
    String operatorKey,
    int maxBatchItems,
    Duration topReferrersCacheTtl,
    Duration signedMessageMaxAge,
    boolean disableNewSignUps,
    int maxMembershipsPerUser,
    boolean syncEnabled) {

  public static HttpSettings from(Config root) {
    Config c = root.getConfig("joysync.http");
    return new HttpSettings(
        c.getString("interface"),
        c.getInt("port"),
        c.getDuration("ask-timeout"),
        c.getString("operator-key"),
        c.getInt("max-batch-items"),
        c.getDuration("top-referrers-cache-ttl"),
        c.getDuration("signed-message-max-age"),
        c.getBoolean("disable-new-sign-ups"),
        c.getInt("max-memberships-per-user"),
        root.getBoolean("joysync.sync.enable"));
  }

  @Override
  public String toString() {
    return "HttpSettings[interface="
        + interfaceName
        + ", port="
        + port
        + ", askTimeout="
        + askTimeout
        + ", operatorKey="
        + (operatorKey.isEmpty() ? "<unset>" : "<set>")
        + ", maxBatchItems="
        + maxBatchItems
        + ", topReferrersCacheTtl="
        + topReferrersCacheTtl
        + ", disableNewSignUps="
        + disableNewSignUps
        + ", maxMembershipsPerUser="
        + maxMembershipsPerUser
        + ", syncEnabled="
        + syncEnabled
        + "]";
  }
}
