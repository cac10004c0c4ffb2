import com.alibaba.fastjson.JSON;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The real Apache RocketMQ Java client, driven by tests (lib/testing/java-client.ts) to count messages end to end.
 *
 *   produce <namesrv> <topic> <limit> <resultFile> [--rate N] [--deadline-ms N] [--poll-namesrv-ms N]
 *           [--key-prefix P] [--tags T] [--bodies kind,kind…] [--record] [--stdin-control]
 *       limit: "<n>ms" sends for that long, "<n>" sends n messages, "0" sends until stopped
 *   consume <namesrv> <topic> <idleMs> <resultFile> [--expect <produce resultFile>] [--stdin-control]
 *   consume-group <namesrv> <topic> <group> <perQueue> <resultFile> [--stdin-control]
 *   consume-push <namesrv> <topic> <group> <resultFile> [--dlq-keys REGEX] [--from first|last] [--stdin-control]
 *
 * Consumers of a group print each message they receive as a line "received <json>" (Bodies.received).
 *
 * The producer stops on SIGTERM/SIGINT, on a "stop" line on stdin (--stdin-control), or at its limit; a stop
 * lets the message in flight finish (acked or given up). With --stdin-control, stdin closing without a "stop"
 * means the parent died: the JVM exits at once, so no test leaves a JVM behind.
 * <namesrv> may list several: "a:9876;b:9876".
 */
public final class RmqTestClient {
  public static void main(String[] argv) {
    try {
      Args args = new Args(argv);
      String mode = args.positional(0, "mode");
      if (mode.equals("produce")) {
        Produce.run(args);
      } else if (mode.equals("consume")) {
        Consume.run(args);
      } else if (mode.equals("consume-group")) {
        ConsumeGroup.run(args);
      } else if (mode.equals("consume-push")) {
        ConsumePush.run(args);
      } else {
        throw new IllegalArgumentException("unknown mode " + mode + ": produce | consume | consume-group | consume-push");
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(2);
    }
    // The client's non-daemon threads could outlive main.
    System.exit(0);
  }

  /** Set by a "stop" line on stdin or a shutdown signal; `finished` once the result file is written. */
  static final class Stop {
    volatile boolean requested;
    final CountDownLatch finished = new CountDownLatch(1);
  }

  /** "stop" asks for a graceful stop; end of input without one means the parent process is gone. */
  static void watchStdin(Stop stop) {
    Thread watcher = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.trim().equals("stop")) stop.requested = true;
        }
      } catch (Exception ignored) {
        // An unreadable stdin is a closed one.
      }
      if (!stop.requested) Runtime.getRuntime().halt(3);
    }, "stdin-control");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** The client splits on ";"; accept "," and blanks too. */
  static String namesrvList(String raw) {
    List<String> addresses = new ArrayList<>();
    for (String part : raw.split("[;,\\s]+")) if (!part.isEmpty()) addresses.add(part);
    if (addresses.isEmpty()) throw new IllegalArgumentException("no NameServer address in '" + raw + "'");
    return String.join(";", addresses);
  }

  /** Written whole, then renamed: a reader never sees half a file. */
  static void writeJson(Path file, Map<String, Object> value) throws Exception {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, (JSON.toJSONString(value, true) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String firstLine(String text) {
    if (text == null) return "";
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Positional arguments, then "--name value" options and bare "--flag"s. */
  static final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    Args(String[] argv) {
      for (int i = 0; i < argv.length; i++) {
        if (!argv[i].startsWith("--")) {
          positionals.add(argv[i]);
        } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
          options.put(argv[i], argv[++i]);
        } else {
          options.put(argv[i], "");
        }
      }
    }

    String positional(int index, String name) {
      if (index >= positionals.size()) throw new IllegalArgumentException("missing argument <" + name + ">");
      return positionals.get(index);
    }

    String option(String name, String fallback) {
      return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
      return options.containsKey(name);
    }
  }
}
