import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * `produce`: one message at a time, key <prefix><seq> (default k-<seq>), each retried until SEND_OK or its deadline,
 * at most `--rate` a second. Writes {sent, acked, gaveUp, gaveUpKeys, failedAttempts, longestOutageMs, durationMs};
 * with --record also `messages`: per acked message what the client got back (key, msgId, offsetMsgId, brokerName,
 * queueId, queueOffset) and its body (Bodies.describe). --bodies takes body kinds (Bodies), used in turn.
 */
final class Produce {
  private static final String GROUP = "rmq-panel-test-producer";
  // Between the app's own attempts at one message; the client retries within one send() besides.
  private static final long RETRY_PAUSE_MS = 200;

  private Produce() {}

  static void run(RmqTestClient.Args args) throws Exception {
    String topic = args.positional(2, "topic");
    String limit = args.positional(3, "limit");
    Path resultFile = Paths.get(args.positional(4, "resultFile"));
    double rate = Double.parseDouble(args.option("--rate", "50"));
    long deadlineMs = Long.parseLong(args.option("--deadline-ms", "60000"));
    long maxCount = limit.endsWith("ms") || limit.equals("0") ? Long.MAX_VALUE : Long.parseLong(limit);
    long maxDurationMs = limit.endsWith("ms") ? Long.parseLong(limit.substring(0, limit.length() - 2)) : Long.MAX_VALUE;
    Shape shape = new Shape(
        args.option("--key-prefix", "k-"), args.option("--tags", "rmq-panel-test"), args.option("--bodies", "seq").split(","));

    DefaultMQProducer producer = new DefaultMQProducer(GROUP);
    producer.setNamesrvAddr(RmqTestClient.namesrvList(args.positional(1, "namesrv")));
    producer.setInstanceName("rmq-panel-test-" + ProcessHandle.current().pid());
    producer.setSendMsgTimeout(3000);
    String poll = args.option("--poll-namesrv-ms", null);
    if (poll != null) producer.setPollNameServerInterval(Integer.parseInt(poll));
    producer.start();
    awaitRoute(producer, topic, 60_000);
    // Told to the caller: from here on every failed attempt is the cluster's doing, not a cold start's.
    System.out.println("ready");

    RmqTestClient.Stop stop = new RmqTestClient.Stop();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.requested = true;
      // The JVM exits when this hook returns: wait for the message in flight and the result file.
      try {
        stop.finished.await(deadlineMs + 10_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    if (args.flag("--stdin-control")) RmqTestClient.watchStdin(stop);

    Tally tally = new Tally(shape.keyPrefix, args.flag("--record"));
    long intervalNanos = (long) (1e9 / rate);
    long nextAt = System.nanoTime();
    try {
      while (!stop.requested && tally.sent < maxCount && tally.elapsedMs() < maxDurationMs) {
        pauseUntil(nextAt, stop);
        if (stop.requested) break;
        tally.record(sendUntilAcked(producer, topic, shape, tally.sent, deadlineMs));
        // Paced from the previous send, never bursting to catch up after an outage.
        nextAt = Math.max(nextAt + intervalNanos, System.nanoTime());
      }
      RmqTestClient.writeJson(resultFile, tally.summary());
      System.out.println("done " + tally);
    } finally {
      producer.shutdown();
      stop.finished.countDown();
    }
  }

  /** What each message looks like: key prefix, tags, and the body kinds used in turn. */
  private static final class Shape {
    final String keyPrefix, tags;
    final String[] bodies;

    Shape(String keyPrefix, String tags, String[] bodies) {
      this.keyPrefix = keyPrefix;
      this.tags = tags;
      this.bodies = bodies;
      for (String kind : bodies) Bodies.of(kind, 0);
    }

    String bodyKind(long seq) {
      return bodies[(int) (seq % bodies.length)];
    }
  }

  private static final class Outcome {
    final long seq;
    final String bodyKind;
    final byte[] body;
    SendResult result;
    boolean acked;
    int attempts;
    long firstFailureAt = -1;
    long doneAt;
    String lastError;

    Outcome(long seq, String bodyKind, byte[] body) {
      this.seq = seq;
      this.bodyKind = bodyKind;
      this.body = body;
    }
  }

  /** One message, attempted until SEND_OK or its deadline; a stop request does not cut it short. */
  private static Outcome sendUntilAcked(DefaultMQProducer producer, String topic, Shape shape, long seq, long deadlineMs) {
    String kind = shape.bodyKind(seq);
    byte[] body = Bodies.of(kind, seq);
    // The client compresses a large body in place: keep the original to describe.
    Message message = new Message(topic, shape.tags, shape.keyPrefix + seq, body.clone());
    Outcome outcome = new Outcome(seq, kind, body);
    long deadline = System.currentTimeMillis() + deadlineMs;
    for (;;) {
      outcome.attempts++;
      try {
        SendResult result = producer.send(message);
        if (result.getSendStatus() == SendStatus.SEND_OK) {
          outcome.acked = true;
          outcome.result = result;
          outcome.doneAt = System.currentTimeMillis();
          return outcome;
        }
        // Stored but not replicated/flushed as asked: not an ack; sending again may duplicate it.
        outcome.lastError = "status " + result.getSendStatus();
      } catch (Exception e) {
        outcome.lastError = e.getClass().getSimpleName() + ": " + RmqTestClient.firstLine(e.getMessage());
      }
      long now = System.currentTimeMillis();
      if (outcome.firstFailureAt < 0) {
        outcome.firstFailureAt = now;
        System.out.printf("failing %s%d: %s%n", shape.keyPrefix, seq, outcome.lastError);
      }
      if (now + RETRY_PAUSE_MS >= deadline) {
        outcome.doneAt = now;
        return outcome;
      }
      RmqTestClient.sleep(RETRY_PAUSE_MS);
    }
  }

  /** The counts so far; prints a progress line a second and one per recovery or give-up. */
  private static final class Tally {
    final long startedAt = System.currentTimeMillis();
    long sent, acked, failedAttempts, longestOutageMs, lastReportAt = startedAt;
    final List<String> gaveUpKeys = new ArrayList<>();
    final String keyPrefix;
    /** Null unless --record: a long-running producer keeps no per-message list. */
    final List<Map<String, Object>> messages;

    Tally(String keyPrefix, boolean record) {
      this.keyPrefix = keyPrefix;
      this.messages = record ? new ArrayList<>() : null;
    }

    long elapsedMs() {
      return System.currentTimeMillis() - startedAt;
    }

    void record(Outcome outcome) {
      sent++;
      failedAttempts += outcome.attempts - (outcome.acked ? 1 : 0);
      if (!outcome.acked) {
        gaveUpKeys.add(keyPrefix + outcome.seq);
        System.out.printf("gave up %s%d after %d attempts: %s%n", keyPrefix, outcome.seq, outcome.attempts, outcome.lastError);
      } else {
        acked++;
        if (messages != null) messages.add(sent(outcome));
        if (outcome.firstFailureAt >= 0) {
          long outageMs = outcome.doneAt - outcome.firstFailureAt;
          longestOutageMs = Math.max(longestOutageMs, outageMs);
          System.out.printf("recovered %s%d after %d ms, %d attempts%n", keyPrefix, outcome.seq, outageMs, outcome.attempts);
        }
      }
      if (System.currentTimeMillis() - lastReportAt >= 1000) {
        lastReportAt = System.currentTimeMillis();
        System.out.println("progress " + this);
      }
    }

    private Map<String, Object> sent(Outcome outcome) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("key", keyPrefix + outcome.seq);
      entry.put("msgId", outcome.result.getMsgId());
      entry.put("offsetMsgId", outcome.result.getOffsetMsgId());
      entry.put("brokerName", outcome.result.getMessageQueue().getBrokerName());
      entry.put("queueId", outcome.result.getMessageQueue().getQueueId());
      entry.put("queueOffset", outcome.result.getQueueOffset());
      entry.put("bodyKind", outcome.bodyKind);
      entry.put("sentAt", outcome.doneAt);
      Bodies.describe(entry, outcome.body);
      return entry;
    }

    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("sent", sent);
      summary.put("acked", acked);
      summary.put("gaveUp", gaveUpKeys.size());
      summary.put("gaveUpKeys", gaveUpKeys);
      summary.put("failedAttempts", failedAttempts);
      summary.put("longestOutageMs", longestOutageMs);
      summary.put("durationMs", elapsedMs());
      if (messages != null) summary.put("messages", messages);
      return summary;
    }

    @Override
    public String toString() {
      return String.format("sent=%d acked=%d gaveUp=%d failedAttempts=%d longestOutageMs=%d",
          sent, acked, gaveUpKeys.size(), failedAttempts, longestOutageMs);
    }
  }

  /** The NameServer must know the topic (a DLedger group registers only once it has a leader). */
  private static void awaitRoute(DefaultMQProducer producer, String topic, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    for (;;) {
      String problem;
      try {
        if (!producer.fetchPublishMessageQueues(topic).isEmpty()) return;
        problem = "no writable queue";
      } catch (Exception e) {
        problem = RmqTestClient.firstLine(e.getMessage());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no route to topic " + topic + " after " + timeoutMs + " ms: " + problem);
      }
      RmqTestClient.sleep(500);
    }
  }

  private static void pauseUntil(long nanoTime, RmqTestClient.Stop stop) {
    while (!stop.requested) {
      long waitMs = TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
      if (waitMs <= 0) return;
      RmqTestClient.sleep(Math.min(waitMs, 50));
    }
  }
}
