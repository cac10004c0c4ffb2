import { describeDledgerGroup } from "./testing/dledger-group-suite";

// The seed's release: the protocol client against it, and no more. Its idle DLedger leader spins two threads
// (apache/rocketmq #4415) and slows everything beside it, so the console suites and the push consumer run on 4.9.7,
// whose protocol is the same. Port base 21000: distinct from the other suites and from the CLI lab (20000).
describeDledgerGroup("4.9.3", 21_000, [], { pushConsumer: false });
