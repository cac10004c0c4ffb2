import { describeDledgerGroup } from "./testing/dledger-group-suite";

// Port base 23000: distinct from the 4.9.3 (21000) and 5.x suites, which run in parallel, and from the CLI lab (20000).
describeDledgerGroup("4.9.7", 23_000);
