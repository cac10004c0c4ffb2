// The SSH host lab: `npm run lab -- up [--hosts N] [--no-java K[,K…]] [--force] | down [--force] | status`.
// --force recreates or removes the lab even while vitest/Playwright runs hold a lease on it.
// up and status print the hosts as JSON on stdout; diagnostics go to stderr.
import { parseArgs } from "node:util";
import { labDown, labStatus, labUp } from "../lib/testing/lab/hosts";
import { rocketmqLabCli } from "../lib/testing/lab/rocketmq";

const USAGE = "usage: npm run lab -- up [--hosts N] [--no-java K[,K...]] [--force] | down [--force] | status";

async function main(): Promise<void> {
  // `npm run lab -- rocketmq <up|down|status> [--version X]`: the local NameServer + DLedger group.
  if (process.argv[2] === "rocketmq") return rocketmqLabCli(process.argv.slice(3));
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      hosts: { type: "string" },
      "no-java": { type: "string", multiple: true },
      force: { type: "boolean", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new Error(USAGE);
  switch (command) {
    case "up": {
      const started = Date.now();
      const hosts = await labUp({
        hosts: values.hosts === undefined ? undefined : Number(values.hosts),
        noJava: (values["no-java"] ?? []).flatMap((v) => v.split(",")).map(Number),
        force: values.force,
      });
      console.log(JSON.stringify(hosts, null, 2));
      console.error(`lab up: ${hosts.length} hosts in ${Date.now() - started} ms`);
      return;
    }
    case "down": {
      const started = Date.now();
      await labDown({ force: values.force });
      console.error(`lab down in ${Date.now() - started} ms`);
      return;
    }
    case "status":
      console.log(JSON.stringify(await labStatus(), null, 2));
      return;
    default:
      throw new Error(USAGE);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
