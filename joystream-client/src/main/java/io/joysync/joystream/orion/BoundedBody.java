package io.joysync.joystream.orion;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP body handler that collects a reply into memory only up to a limit, so a misbehaving
 * server cannot make the client buffer without bound. Past the limit it cancels the stream and
 * yields {@link TooLarge}. Used for the small JSON replies of Orion and storage nodes.
 */
public final class BoundedBody {
  private BoundedBody() {}

  /** A collected body, or the fact that it was over the limit. */
  public sealed interface Result permits Complete, TooLarge {}

  /** The whole body. */
  public record Complete(byte[] bytes) implements Result {}

  /** The body was longer than {@code limit} bytes and was not read to its end. */
  public record TooLarge(long limit) implements Result {}

  /** A handler collecting at most {@code limit} bytes. */
  public static HttpResponse.BodyHandler<Result> handler(int limit) {
    return info -> new Collector(limit);
  }

  private static final class Collector implements HttpResponse.BodySubscriber<Result> {
    private final int limit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Collector(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<Result> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (buffer.size() + item.remaining() > limit) {
          result.complete(new TooLarge(limit));
          subscription.cancel();
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(new Complete(buffer.toByteArray()));
    }
  }
}
