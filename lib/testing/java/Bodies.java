import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Message bodies a test can check byte for byte, and how a message is reported on both sides.
 *
 *   seq      the default: "seq=<n>", as before kinds existed
 *   text     UTF-8 text with non-ASCII characters
 *   json     a small JSON object
 *   binary   256 bytes holding every byte value (NULs and RocketMQ's property separators 0x01/0x02 included)
 *   large    10 000 bytes of repetitive text: over the client's 4 KiB threshold, so it sends the body compressed
 */
final class Bodies {
  /** Bodies up to this size are reported whole (base64) besides their sha256. */
  private static final int INLINE_LIMIT = 1024;

  private Bodies() {}

  static byte[] of(String kind, long seq) {
    switch (kind) {
      case "seq":
        return utf8("seq=" + seq);
      case "text":
        return utf8("message " + seq + " — 消息 ✓");
      case "json":
        return utf8("{\"seq\":" + seq + ",\"kind\":\"json\",\"items\":[1,2,3],\"note\":\"订单\"}");
      case "binary": {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) body[i] = (byte) (i + seq);
        return body;
      }
      case "large": {
        StringBuilder text = new StringBuilder();
        while (text.length() < 10_000) {
          int at = text.length();
          text.append("large body ").append(seq).append(" line ").append(at).append('\n');
        }
        return utf8(text.substring(0, 10_000));
      }
      default:
        throw new IllegalArgumentException("unknown body kind " + kind + ": seq | text | json | binary | large");
    }
  }

  /** bodyBytes, bodySha256 and, for small bodies, bodyBase64. */
  static void describe(Map<String, Object> into, byte[] body) {
    into.put("bodyBytes", body.length);
    into.put("bodySha256", sha256(body));
    if (body.length <= INLINE_LIMIT) into.put("bodyBase64", Base64.getEncoder().encodeToString(body));
  }

  /** A message as a consumer received it: one JSON line the test reads as it arrives. */
  static Map<String, Object> received(MessageExt message) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("key", message.getKeys());
    entry.put("topic", message.getTopic());
    entry.put("brokerName", message.getBrokerName());
    entry.put("queueId", message.getQueueId());
    entry.put("queueOffset", message.getQueueOffset());
    entry.put("reconsumeTimes", message.getReconsumeTimes());
    entry.put("msgId", message.getMsgId());
    entry.put("offsetMsgId", message instanceof MessageClientExt ? ((MessageClientExt) message).getOffsetMsgId() : null);
    entry.put("tags", message.getTags());
    entry.put("properties", message.getProperties());
    describe(entry, message.getBody() == null ? new byte[0] : message.getBody());
    return entry;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) hex.append(String.format("%02x", b));
      return hex.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
