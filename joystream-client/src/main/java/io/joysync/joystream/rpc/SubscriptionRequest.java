package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What to subscribe to and how to read its notifications.
 *
 * @param subscribeMethod e.g. {@code chain_subscribeNewHeads}
 * @param unsubscribeMethod e.g. {@code chain_unsubscribeNewHeads}
 * @param params the subscribe call's parameters
 * @param mapper turns a notification's {@code result} into an item; a throw ends the stream with
 *     {@link RpcProtocolException}
 * @param isLast true for an item after which the node sends nothing more
 * @param connectionLostItem null for a stream the client may resume after a reconnect by
 *     subscribing again; otherwise the item that ends the stream when the connection drops
 * @param overflow what a full buffer does to the stream
 */
public record SubscriptionRequest<T>(
    String subscribeMethod,
    String unsubscribeMethod,
    List<Object> params,
    Function<JsonNode, T> mapper,
    Predicate<T> isLast,
    T connectionLostItem,
    Overflow overflow) {

  /** What a subscription does when its subscriber falls behind by a whole buffer. */
  public enum Overflow {
    /** Forget the oldest item: fine where only the newest matters (heads). */
    DROP_OLDEST,
    /** End the stream with {@link RpcOverloadedException}: where every item counts. */
    FAIL
  }

  public SubscriptionRequest {
    params = List.copyOf(params);
  }

  boolean resumable() {
    return connectionLostItem == null;
  }
}
