import { describeConsole } from "../console/testing/console-suite";
import { describeConsoleIndex } from "../console/testing/index-suite";
import { describeDledgerGroup } from "./testing/dledger-group-suite";

// Port base 22000: distinct from the 4.9.3 suite, which runs in parallel, and from the CLI lab (20000).
describeDledgerGroup("5.5.0", 22_000, [describeConsole, describeConsoleIndex]);
