package io.joysync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships the node's log lines to Elasticsearch, as the ECS JSON its {@code encoder} writes, into
 * daily indices {@code <index>-yyyy.MM.dd}. Logging never waits: {@link #append} only puts the
 * event in a bounded memory queue (a full queue drops the line and counts it); one background
 * thread ({@link LogShipper}) bulk-indexes it, and while Elasticsearch is down or slow keeps the
 * lines in a bounded spool on disk ({@link LogSpool}), replayed in order when it is back, also by
 * the next run of the node. Every line has its own document id, so none is stored twice. Lines of
 * the Elasticsearch client itself are not shipped (they would feed on their own failures).
 *
 * <p>Off when {@code url} is blank. Configured in {@code logback.xml} from the environment: {@code
 * JOYSYNC_ELASTICSEARCH_URL}, {@code JOYSYNC_ELASTICSEARCH_INDEX}, {@code
 * JOYSYNC_ELASTICSEARCH_SPOOL_SIZE}, {@code JOYSYNC_ELASTICSEARCH_RETENTION_DAYS}. The credentials
 * for basic authentication are read from {@code ELASTIC_USERNAME} and {@code ELASTIC_PASSWORD} by
 * the appender itself, never through the configuration file, whose substitutions logback may print.
 */
public class ElasticsearchAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private static final String[] OWN_LOGGERS = {
    "org.elasticsearch.client", "co.elastic.clients", "org.apache.http"
  };

  private String url = "";
  private String username = System.getenv().getOrDefault("ELASTIC_USERNAME", "");
  private String password = System.getenv().getOrDefault("ELASTIC_PASSWORD", "");
  private String index = "joysync-logs";
  private String spoolDir;
  private FileSize spoolSize = FileSize.valueOf("256MB");
  private int retentionDays = 30;
  private int queueSize = 20_000;
  private int batchSize = 500;
  private long flushMillis = 1_000;
  private Encoder<ILoggingEvent> encoder;

  private final ShippingCounters counters = new ShippingCounters();
  private final AtomicLong sequence = new AtomicLong();
  private final String runId = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  private volatile boolean shipping;
  private BlockingQueue<ILoggingEvent> queue;
  private LogShipper shipper;
  private Thread thread;

  @Override
  public void start() {
    if (url == null || url.isBlank()) {
      addInfo("No Elasticsearch URL: log lines are not shipped to Elasticsearch");
      super.start();
      return;
    }
    if (encoder == null || spoolDir == null || spoolDir.isBlank()) {
      addError("The Elasticsearch appender needs an encoder and a spoolDir");
      return;
    }
    if (!index.equals(index.toLowerCase()) || index.isBlank() || index.contains(" ")) {
      addError("The Elasticsearch index name must be lower case without spaces: " + index);
      return;
    }
    LogSpool spool;
    try {
      spool = LogSpool.open(Path.of(spoolDir), spoolSize.getSize());
    } catch (IOException e) {
      addError("The Elasticsearch log spool cannot be opened in " + spoolDir, e);
      return;
    }
    LogIndexer indexer = LogIndexer.connect(url, username, password);
    queue = new ArrayBlockingQueue<>(queueSize);
    shipper =
        new LogShipper(
            queue,
            this::encode,
            spool,
            indexer,
            new LogIndexSetup(indexer.client(), index, retentionDays),
            counters,
            new LogShipper.Batching(batchSize, flushMillis, queueSize / 2),
            url);
    thread = new Thread(shipper, "joysync-log-shipper");
    thread.setDaemon(true);
    shipping = true;
    thread.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!shipping || isOwn(event.getLoggerName())) {
      return;
    }
    event.prepareForDeferredProcessing();
    if (!queue.offer(event)) {
      counters.dropped(1, "the memory queue of " + queueSize + " lines is full");
    }
  }

  /**
   * Stops taking lines; what is in memory is indexed, or spooled for the next start, within 20
   * seconds.
   */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    if (shipping) {
      shipping = false;
      shipper.stop();
      try {
        thread.join(20_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private LogLine encode(ILoggingEvent event) {
    String json = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
    String day =
        LogIndexSetup.DAY.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(ZoneOffset.UTC));
    return new LogLine(runId + "-" + sequence.incrementAndGet(), index + "-" + day, json);
  }

  private static boolean isOwn(String logger) {
    for (String own : OWN_LOGGERS) {
      if (logger.startsWith(own)) {
        return true;
      }
    }
    return false;
  }

  /** Lines indexed since start. */
  public long indexedLines() {
    return counters.indexed();
  }

  /** Lines dropped since start: queue or spool full, or refused by Elasticsearch for good. */
  public long droppedLines() {
    return counters.dropped();
  }

  /** Bytes in the spool on disk. */
  public long spoolBytes() {
    return counters.spoolBytes();
  }

  /** True when lines are shipped (a URL is configured and the appender started). */
  public boolean isShipping() {
    return shipping;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public void setIndex(String index) {
    this.index = index;
  }

  public void setSpoolDir(String spoolDir) {
    this.spoolDir = spoolDir;
  }

  public void setSpoolSize(FileSize spoolSize) {
    this.spoolSize = spoolSize;
  }

  public void setRetentionDays(int retentionDays) {
    this.retentionDays = retentionDays;
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public void setFlushMillis(long flushMillis) {
    this.flushMillis = flushMillis;
  }

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }
}
