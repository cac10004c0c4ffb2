import com.alibaba.fastjson.JSON;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * `consume-push`: consumer group `group` as a real application runs one: a push consumer (clustering, "*") that
 * consumes `topic` (and, as every push consumer does, its group's retry topic), commits as it goes, follows an
 * offset reset the broker pushes to it, and stays up until stopped. Each message it receives is printed at once
 * as `received <json>` (Bodies.received, plus `dlq`: whether it was failed into the dead-letter queue).
 * Messages whose key matches --dlq-keys are failed straight into the group's dead-letter queue
 * (RECONSUME_LATER with delay level -1); the rest succeed.
 * A group without a committed offset starts from the first message (--from first, the default) or the last.
 * Writes {clientId, queues: [], assigned: [{brokerName, queueId}]} and prints "ready" once the rebalance gave it
 * every queue of `topic` and the brokers had its heartbeat.
 */
final class ConsumePush {
  private ConsumePush() {}

  static void run(RmqTestClient.Args args) throws Exception {
    String topic = args.positional(2, "topic");
    String group = args.positional(3, "group");
    Path resultFile = Paths.get(args.positional(4, "resultFile"));
    String dlqKeys = args.option("--dlq-keys", null);
    Pattern toDlq = dlqKeys == null ? null : Pattern.compile(dlqKeys);
    RmqTestClient.Stop stop = new RmqTestClient.Stop();
    if (args.flag("--stdin-control")) RmqTestClient.watchStdin(stop);

    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
    consumer.setNamesrvAddr(RmqTestClient.namesrvList(args.positional(1, "namesrv")));
    consumer.setInstanceName("rmq-panel-test-" + ProcessHandle.current().pid());
    consumer.setConsumeFromWhere(
        args.option("--from", "first").equals("last") ? ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET : ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    // Few threads: the lab's brokers share two cores with the test.
    consumer.setConsumeThreadMin(1);
    consumer.setConsumeThreadMax(1);
    // Commit every second instead of every 5 s: the broker's view of the group follows the test closely.
    consumer.setPersistConsumerOffsetInterval(1000);
    consumer.subscribe(topic, "*");
    consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
      for (MessageExt message : messages) {
        boolean dlq = toDlq != null && message.getKeys() != null && toDlq.matcher(message.getKeys()).matches();
        Map<String, Object> entry = Bodies.received(message);
        entry.put("dlq", dlq);
        System.out.println("received " + JSON.toJSONString(entry));
        if (dlq) {
          context.setDelayLevelWhenNextConsume(-1);
          return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    consumer.start();
    try {
      List<MessageQueue> assigned = awaitQueues(consumer, topic, 60_000);
      consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().sendHeartbeatToAllBrokerWithLock();
      List<Map<String, Object>> queues = new ArrayList<>();
      for (MessageQueue queue : assigned) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("brokerName", queue.getBrokerName());
        entry.put("queueId", queue.getQueueId());
        queues.add(entry);
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("clientId", consumer.buildMQClientId());
      summary.put("queues", new ArrayList<>());
      summary.put("assigned", queues);
      RmqTestClient.writeJson(resultFile, summary);
      System.out.println("ready");
      while (!stop.requested) RmqTestClient.sleep(100);
    } finally {
      // Commits what it consumed, then unregisters: the broker drops the connection.
      consumer.shutdown();
    }
  }

  /**
   * The queues of `topic` the rebalance gave this client, sorted, once it holds all of them (it is the group's only
   * client in tests). A queue whose start offset the client could not read is left for the next rebalance, 20 s
   * later; asking for a rebalance every half second instead keeps start-up short.
   */
  private static List<MessageQueue> awaitQueues(DefaultMQPushConsumer consumer, String topic, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    int expected = consumer.fetchSubscribeMessageQueues(topic).size();
    for (;;) {
      List<MessageQueue> queues = new ArrayList<>();
      for (MessageQueue queue : consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet()) {
        if (queue.getTopic().equals(topic)) queues.add(queue);
      }
      if (queues.size() >= expected) {
        queues.sort(Comparator.comparing(MessageQueue::getBrokerName).thenComparingInt(MessageQueue::getQueueId));
        return queues;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(queues.size() + " of " + expected + " queues of " + topic + " after " + timeoutMs + " ms");
      }
      RmqTestClient.sleep(500);
      consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().rebalanceImmediately();
    }
  }
}
