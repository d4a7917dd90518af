package io.joysync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appender's one background thread. While Elasticsearch takes lines and nothing waits on disk,
 * it bulk-indexes the memory queue directly; when a bulk fails, Elasticsearch is slow (the queue
 * fills past its high-water mark) or the template is not yet installed, it moves the queue to the
 * spool and replays the spool, oldest first, with a growing pause between failed attempts, until
 * the spool is empty again. Lines written meanwhile go behind the spooled ones, so they are indexed
 * in the order they were logged. On stop, what is still in memory is indexed if Elasticsearch is
 * taking lines, otherwise spooled for the next start.
 */
final class LogShipper implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchAppender.class);
  private static final long MIN_PAUSE_MILLIS = 500;
  private static final long MAX_PAUSE_MILLIS = 30_000;
  private static final long DROP_REPORT_MILLIS = 30_000;
  private static final long REPLAY_BYTES = 4L << 20;

  /** How the shipper batches. */
  record Batching(int lines, long flushMillis, int highWater) {}

  private final BlockingQueue<ILoggingEvent> queue;
  private final Function<ILoggingEvent, LogLine> encoder;
  private final LogSpool spool;
  private final LogIndexer indexer;
  private final LogIndexSetup setup;
  private final ShippingCounters counters;
  private final Batching batching;
  private final String target;
  private final Clock clock;
  private volatile boolean stopping;
  private boolean installed;
  private boolean retainedByIlm;
  private boolean down;
  private long pauseMillis = MIN_PAUSE_MILLIS;
  private long retryAt;
  private long lastDropReport;
  private LocalDate prunedOn;

  LogShipper(
      BlockingQueue<ILoggingEvent> queue,
      Function<ILoggingEvent, LogLine> encoder,
      LogSpool spool,
      LogIndexer indexer,
      LogIndexSetup setup,
      ShippingCounters counters,
      Batching batching,
      String target) {
    this.queue = queue;
    this.encoder = encoder;
    this.spool = spool;
    this.indexer = indexer;
    this.setup = setup;
    this.counters = counters;
    this.batching = batching;
    this.target = target;
    this.clock = Clock.systemUTC();
    counters.spoolBytes(spool.bytes());
  }

  /** Asks the thread to finish: it indexes or spools what is in memory, then closes the spool. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        step();
        housekeeping();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.error("Log shipping to Elasticsearch stopped: the spool in {} failed", spool.dir(), e);
    } finally {
      finish();
    }
  }

  private void step() throws IOException, InterruptedException {
    if (installed && !spool.hasPending() && queue.size() <= batching.highWater()) {
      List<LogLine> batch = take(batching.lines(), batching.flushMillis());
      if (!batch.isEmpty()) {
        ship(batch);
      }
      return;
    }
    long untilRetry = retryAt - clock.millis();
    spill(
        take(
            Integer.MAX_VALUE, untilRetry <= 0 ? 0 : Math.min(untilRetry, batching.flushMillis())));
    if (clock.millis() < retryAt || stopping) {
      return;
    }
    if (!installed) {
      install();
    }
    if (installed) {
      replay();
    }
  }

  private void ship(List<LogLine> batch) throws IOException {
    LogIndexer.Result result = indexer.index(batch);
    if (result.retryLater()) {
      spill(batch);
      failed(result.problem());
    } else {
      account(batch.size(), result);
    }
  }

  private void replay() throws IOException {
    List<LogLine> lines = spool.peek(batching.lines(), REPLAY_BYTES);
    if (lines.isEmpty()) {
      recovered();
      return;
    }
    LogIndexer.Result result = indexer.index(lines);
    if (result.retryLater()) {
      failed(result.problem());
      return;
    }
    spool.commit();
    counters.spoolBytes(spool.bytes());
    account(lines.size(), result);
    recovered();
  }

  private void install() {
    try {
      retainedByIlm = setup.install();
      installed = true;
    } catch (IOException | RuntimeException e) {
      failed("the index template could not be installed: " + e.getMessage());
    }
  }

  private void account(int lines, LogIndexer.Result result) {
    counters.indexed(lines - result.dropped());
    if (result.dropped() > 0) {
      counters.dropped(result.dropped(), result.problem());
    }
  }

  private void spill(List<LogLine> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    int refused = spool.append(lines);
    counters.spoolBytes(spool.bytes());
    counters.dropped(refused, "the spool in " + spool.dir() + " is full");
  }

  private void failed(String problem) {
    if (!down) {
      log.warn(
          "Elasticsearch at {} cannot take log lines ({}); they wait in {}",
          target,
          problem,
          spool.dir());
    }
    down = true;
    retryAt = clock.millis() + pauseMillis;
    pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
  }

  private void recovered() {
    if (down) {
      log.info(
          "Elasticsearch at {} takes log lines again; {} bytes of spooled lines are being replayed",
          target,
          spool.bytes());
    }
    down = false;
    pauseMillis = MIN_PAUSE_MILLIS;
    retryAt = 0;
  }

  private void housekeeping() {
    long now = clock.millis();
    if (now - lastDropReport >= DROP_REPORT_MILLIS) {
      ShippingCounters.DropReport report = counters.takeDropReport();
      if (report.lines() > 0) {
        lastDropReport = now;
        log.warn(
            "Log shipping to Elasticsearch dropped {} log lines ({} since start): {}",
            report.lines(),
            report.total(),
            report.reason());
      }
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (installed && !retainedByIlm && !down && !today.equals(prunedOn)) {
      prunedOn = today;
      try {
        List<String> deleted = setup.prune(today);
        if (!deleted.isEmpty()) {
          log.info("Deleted log indices past their retention: {}", deleted);
        }
      } catch (IOException | RuntimeException e) {
        log.warn("Deleting log indices past their retention failed: {}", e.toString());
      }
    }
  }

  private List<LogLine> take(int max, long waitMillis) throws InterruptedException {
    List<ILoggingEvent> events = new ArrayList<>();
    ILoggingEvent first =
        waitMillis > 0 ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.poll();
    if (first != null) {
      events.add(first);
      queue.drainTo(events, max - 1);
    }
    return encode(events);
  }

  private List<LogLine> encode(List<ILoggingEvent> events) {
    List<LogLine> lines = new ArrayList<>(events.size());
    for (ILoggingEvent event : events) {
      try {
        lines.add(encoder.apply(event));
      } catch (RuntimeException e) {
        counters.dropped(1, "a line could not be encoded: " + e);
      }
    }
    return lines;
  }

  private void finish() {
    try {
      List<LogLine> rest = take(Integer.MAX_VALUE, 0);
      for (int from = 0; from < rest.size(); from += batching.lines()) {
        List<LogLine> batch = rest.subList(from, Math.min(rest.size(), from + batching.lines()));
        if (installed && !down && !spool.hasPending()) {
          ship(batch);
        } else {
          spill(batch);
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      log.error("Log lines still in memory could not be kept for Elasticsearch", e);
    } finally {
      try {
        spool.close();
        indexer.close();
      } catch (IOException e) {
        log.warn("Closing log shipping failed: {}", e.toString());
      }
    }
  }
}
