import { describeConsole } from "../console/testing/console-suite";
import { describeConsoleIndex } from "../console/testing/index-suite";
import { describeDledgerGroup } from "./testing/dledger-group-suite";

// The release the panel recommends carries the console suites for 4.x (4.9.3 speaks the same protocol but spins,
// apache/rocketmq #4415). Port base 24000: distinct from the 4.9.3 (21000) and 5.x (22000) suites, the benchmark
// (23000) and the CLI lab (20000).
describeDledgerGroup("4.9.7", 24_000, [describeConsole, describeConsoleIndex]);
