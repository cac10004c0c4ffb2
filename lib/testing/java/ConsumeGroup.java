import com.alibaba.fastjson.JSON;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * `consume-group`: as consumer group `group`, reads at most `perQueue` messages from the start of each queue of
 * `topic`, commits the offset it reached in each queue, heartbeats, writes the result and prints "ready", then
 * stays connected until stopped, so the broker lists the client among the group's connections meanwhile.
 * Writes {clientId, queues: [{brokerName, queueId, read, committedOffset}]}; prints each message read as "received <json>".
 *
 * The commit is the synchronous one (the client's own commits are oneway and every 5 s) and the heartbeat is
 * sent at once (the client's own is every 30 s): when "ready" is printed, the broker knows both.
 */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer: the one 4.x client that reads and commits a queue by explicit offset.
final class ConsumeGroup {
  private static final long PULL_TIMEOUT_MS = 3000;

  private ConsumeGroup() {}

  static void run(RmqTestClient.Args args) throws Exception {
    String topic = args.positional(2, "topic");
    String group = args.positional(3, "group");
    int perQueue = Integer.parseInt(args.positional(4, "perQueue"));
    Path resultFile = Paths.get(args.positional(5, "resultFile"));
    RmqTestClient.Stop stop = new RmqTestClient.Stop();
    if (args.flag("--stdin-control")) RmqTestClient.watchStdin(stop);

    DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group);
    consumer.setNamesrvAddr(RmqTestClient.namesrvList(args.positional(1, "namesrv")));
    consumer.setInstanceName("rmq-panel-test-" + ProcessHandle.current().pid());
    // Subscribed: the heartbeat carries the subscription, which the broker lists with the connection.
    consumer.setRegisterTopics(Collections.singleton(topic));
    consumer.start();
    try {
      List<MessageQueue> queues = new ArrayList<>(Consume.queuesOf(consumer, topic, 60_000));
      queues.sort(Comparator.comparing(MessageQueue::getBrokerName).thenComparingInt(MessageQueue::getQueueId));
      List<Map<String, Object>> read = new ArrayList<>();
      for (MessageQueue queue : queues) read.add(readAndCommit(consumer, queue, perQueue));
      MQClientManager.getInstance().getOrCreateMQClientInstance(consumer).sendHeartbeatToAllBrokerWithLock();

      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("clientId", consumer.buildMQClientId());
      summary.put("queues", read);
      RmqTestClient.writeJson(resultFile, summary);
      System.out.println("ready");
      while (!stop.requested) RmqTestClient.sleep(100);
    } finally {
      consumer.shutdown();
    }
  }

  private static Map<String, Object> readAndCommit(DefaultMQPullConsumer consumer, MessageQueue queue, int perQueue) throws Exception {
    long offset = 0;
    int read = 0;
    while (read < perQueue) {
      PullResult result = consumer.pull(queue, "*", offset, perQueue - read, PULL_TIMEOUT_MS);
      if (result.getMsgFoundList() == null || result.getMsgFoundList().isEmpty()) break;
      read += result.getMsgFoundList().size();
      for (MessageExt message : result.getMsgFoundList()) System.out.println("received " + JSON.toJSONString(Bodies.received(message)));
      offset = result.getNextBeginOffset();
    }
    consumer.getDefaultMQPullConsumerImpl().getOffsetStore().updateConsumeOffsetToBroker(queue, offset, false);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("brokerName", queue.getBrokerName());
    entry.put("queueId", queue.getQueueId());
    entry.put("read", read);
    entry.put("committedOffset", offset);
    return entry;
  }
}
