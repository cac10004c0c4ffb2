import { Command, CommanderError, InvalidArgumentError } from "commander";
import { PanelClient } from "./client";
import { listClusters } from "./clusters";
import { loadConfig } from "./config";
import { CliError, EXIT } from "./errors";
import { jobLogs, listJobs } from "./jobs";
import { deploy, restart } from "./operations";
import { showTopology } from "./topology";

// rmq-panel: the panel's API from a terminal or a script, with a personal API token. Output is English.

const program = new Command("rmq-panel")
  .description("Drive an RMQ Panel from the command line (RMQ_PANEL_URL, RMQ_PANEL_TOKEN or ~/.config/rmq-panel/config.json)")
  .option("--json", "print JSON instead of text (one document per line while following)")
  .showHelpAfterError()
  .exitOverride();

/** Runs a command with a client from the config; its resolved number (a followed job's result) is the exit code. */
const action =
  <A extends unknown[]>(run: (client: PanelClient, json: boolean, ...args: A) => Promise<unknown>) =>
  async (...args: A) => {
    const { json } = program.opts<{ json?: boolean }>();
    const code = await run(new PanelClient(loadConfig()), json === true, ...args);
    process.exitCode = typeof code === "number" ? code : EXIT.ok;
  };

const revisionNumber = (value: string) => {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new InvalidArgumentError("a revision number is a positive whole number");
  return Number(value);
};

const clusters = program.command("clusters").description("the panel's clusters (ls)");
clusters
  .command("ls")
  .description("list the clusters")
  .action(action((client, json) => listClusters(client, { json })));

program
  .command("topology")
  .argument("<cluster>", "cluster name or id")
  .description("who leads each group, in which term, and each node's health")
  .option("--watch", "keep printing each change until interrupted")
  .action(
    action((client, json, cluster: string, options: { watch?: boolean }) =>
      showTopology(client, cluster, { json, watch: options.watch === true }),
    ),
  );

program
  .command("deploy")
  .argument("<cluster>", "cluster name or id")
  .description("deploy a revision (the desired one by default)")
  .option("--revision <n>", "the revision number to deploy", revisionNumber)
  .option("--nameserver-jvm-options <options>", "JAVA_OPT_EXT of the NameServers (default: the panel's, 512 MB heaps)")
  .option("--follow", "print the job's log until it ends; the exit code is its result (0 succeeded, 3 otherwise)")
  .action(
    action((client, json, cluster: string, options: { revision?: number; nameserverJvmOptions?: string; follow?: boolean }) =>
      deploy(client, cluster, {
        json,
        revision: options.revision,
        nameServerJvmOptions: options.nameserverJvmOptions,
        follow: options.follow === true,
      }),
    ),
  );

program
  .command("restart")
  .argument("<cluster>", "cluster name or id")
  .argument("[target]", "<group>/<node> for one node, <group> with --rolling for a whole group; none with --rolling for the cluster")
  .description("restart a node (leadership handed off first), or a group or the cluster node by node")
  .option("--rolling", "restart a whole group (or the cluster) one node at a time")
  .option("--force", "go on even when a group would lose its majority (admins only)")
  .option("--follow", "print the job's log until it ends; the exit code is its result (0 succeeded, 3 otherwise)")
  .action(
    action((client, json, cluster: string, target: string | undefined, options: { rolling?: boolean; force?: boolean; follow?: boolean }) =>
      restart(client, cluster, target, {
        json,
        rolling: options.rolling === true,
        force: options.force === true,
        follow: options.follow === true,
      }),
    ),
  );

const jobs = program.command("jobs").description("jobs and their logs (ls, logs)");
jobs
  .command("ls")
  .description("list the latest jobs")
  .option("--cluster <cluster>", "only this cluster's (name or id)")
  .action(action((client, json, options: { cluster?: string }) => listJobs(client, { json, cluster: options.cluster })));
jobs
  .command("logs")
  .argument("<id>", "job id")
  .description("print a job's log")
  .option("--follow", "until the job ends; the exit code is its result (0 succeeded, 3 otherwise)")
  .action(
    action((client, json, id: string, options: { follow?: boolean }) => jobLogs(client, id, { json, follow: options.follow === true })),
  );

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  else if (error instanceof CliError) {
    console.error(`rmq-panel: ${error.message}`);
    process.exitCode = error.exitCode;
  } else throw error;
}
