import { describeConsole } from "../console/testing/console-suite";
import { describeConsoleIndex } from "../console/testing/index-suite";
import { describeDledgerGroup } from "./testing/dledger-group-suite";

// Port base 21000: distinct from the 5.x suite, which runs in parallel, and from the CLI lab (20000).
describeDledgerGroup("4.9.3", 21_000, [describeConsole, describeConsoleIndex]);
