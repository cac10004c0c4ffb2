import { describeDledgerGroup } from "./testing/dledger-group-suite";

// Port base 24000: distinct from the 4.9.3 (21000) and 5.x (22000) suites, which run in parallel, the benchmark (23000)
// and the CLI lab (20000).
describeDledgerGroup("4.9.7", 24_000);
