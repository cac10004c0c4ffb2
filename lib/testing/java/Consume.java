import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.JSONObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * `consume`: every message of every queue from offset 0, with a pull consumer of a fresh group (nothing
 * committed, nothing shared with another run), until `idleMs` pass without a new message or, given the
 * producer's result (--expect), every acked key is read. Writes {received, distinctKeys, duplicates,
 * queues, pullErrors, missingKeys (with --expect), durationMs}.
 */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer: the one 4.x client that reads a queue by explicit offset.
final class Consume {
  private static final int PULL_BATCH = 32;
  private static final long PULL_TIMEOUT_MS = 3000;

  private Consume() {}

  static void run(RmqTestClient.Args args) throws Exception {
    String topic = args.positional(2, "topic");
    long idleMs = Long.parseLong(args.positional(3, "idleMs"));
    Path resultFile = Paths.get(args.positional(4, "resultFile"));
    String expectFile = args.option("--expect", null);
    Set<String> expected = expectFile == null ? null : expectedKeys(Paths.get(expectFile));
    if (args.flag("--stdin-control")) RmqTestClient.watchStdin(new RmqTestClient.Stop());

    long pid = ProcessHandle.current().pid();
    DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("rmq-panel-test-consumer-" + pid + "-" + System.currentTimeMillis());
    consumer.setNamesrvAddr(RmqTestClient.namesrvList(args.positional(1, "namesrv")));
    consumer.setInstanceName("rmq-panel-test-" + pid);
    consumer.start();
    try {
      Reader reader = new Reader(consumer, queuesOf(consumer, topic, 60_000));
      reader.readAll(idleMs, expected);
      Map<String, Object> summary = reader.summary();
      if (expected != null) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(reader.seen.keySet());
        summary.put("missingKeys", new ArrayList<>(missing));
      }
      RmqTestClient.writeJson(resultFile, summary);
      System.out.printf("done received=%d distinctKeys=%d duplicates=%d%n", reader.received, reader.seen.size(), reader.received - reader.seen.size());
    } finally {
      consumer.shutdown();
    }
  }

  /** Reads queues round by round, each from where the last pull ended. */
  private static final class Reader {
    final long startedAt = System.currentTimeMillis();
    final DefaultMQPullConsumer consumer;
    final Map<MessageQueue, Long> offsets = new HashMap<>();
    final Map<String, Integer> seen = new HashMap<>();
    long received, pullErrors;

    Reader(DefaultMQPullConsumer consumer, Set<MessageQueue> queues) {
      this.consumer = consumer;
      for (MessageQueue queue : queues) offsets.put(queue, 0L);
    }

    void readAll(long idleMs, Set<String> expected) {
      long lastNewAt = System.currentTimeMillis();
      for (;;) {
        long before = received, errorsBefore = pullErrors;
        for (MessageQueue queue : offsets.keySet()) pull(queue);
        long now = System.currentTimeMillis();
        if (received > before) {
          lastNewAt = now;
          continue;
        }
        // Every queue answered "nothing new": everything stored is read.
        if (pullErrors == errorsBefore && expected != null && seen.keySet().containsAll(expected)) return;
        if (now - lastNewAt >= idleMs) return;
        RmqTestClient.sleep(200);
      }
    }

    private void pull(MessageQueue queue) {
      PullResult result;
      try {
        result = consumer.pull(queue, "*", offsets.get(queue), PULL_BATCH, PULL_TIMEOUT_MS);
      } catch (Exception e) {
        pullErrors++;
        System.out.printf("pull %s failed: %s%n", queue, RmqTestClient.firstLine(e.getMessage()));
        return;
      }
      offsets.put(queue, result.getNextBeginOffset());
      if (result.getMsgFoundList() == null) return;
      for (MessageExt message : result.getMsgFoundList()) {
        received++;
        seen.merge(message.getKeys(), 1, Integer::sum);
      }
    }

    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("received", received);
      summary.put("distinctKeys", seen.size());
      summary.put("duplicates", received - seen.size());
      summary.put("queues", offsets.size());
      summary.put("pullErrors", pullErrors);
      summary.put("durationMs", System.currentTimeMillis() - startedAt);
      return summary;
    }
  }

  /** The topic's queues, asked until the NameServer knows the topic. */
  static Set<MessageQueue> queuesOf(DefaultMQPullConsumer consumer, String topic, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    for (;;) {
      try {
        return consumer.fetchSubscribeMessageQueues(topic);
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) throw e;
        RmqTestClient.sleep(500);
      }
    }
  }

  /** The keys a produce run had acked: k-0 .. k-(sent-1) but those it gave up on. */
  private static Set<String> expectedKeys(Path produceResult) throws Exception {
    JSONObject produced = JSON.parseObject(new String(Files.readAllBytes(produceResult), StandardCharsets.UTF_8));
    Set<String> keys = new HashSet<>();
    for (long seq = 0; seq < produced.getLongValue("sent"); seq++) keys.add("k-" + seq);
    keys.removeAll(produced.getJSONArray("gaveUpKeys").toJavaList(String.class));
    return keys;
  }
}
