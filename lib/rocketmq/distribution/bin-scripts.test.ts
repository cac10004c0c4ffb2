/**
 * The distribution's bin/ scripts, which deploy jobs run on hosts, against a stand-in `java` that
 * records its arguments and idles: start in the background with a pidfile, stop exactly one process.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
type Env = Record<string, string | undefined>;
// A deliberately small environment; the global ProcessEnv type insists on NODE_ENV, which bash does not need.
const processEnv = (env: Env) => env as NodeJS.ProcessEnv;
const BIN = fileURLToPath(new URL("./bin", import.meta.url));

const FAKE_JAVA = `#!/usr/bin/env bash
if [ "$1" = "-version" ]; then echo 'openjdk version "17.0.15" 2025-04-15' >&2; exit 0; fi
printf '%s\\n' "$@" > "$ARGS_FILE.$$"
if [ -n "\${FAIL_AT_START:-}" ]; then echo "bad conf" >&2; exit 3; fi
trap 'exit 0' TERM
while :; do sleep 0.1; done
`;

/** Alive and not a zombie (an orphan's exit is not reaped when PID 1 does not reap). */
const running = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

describe("bin/ scripts of the assembled distribution", () => {
  let dir: string;
  let env: Env;
  const started: number[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rmq-bin-"));
    const home = path.join(dir, "home");
    await cp(BIN, path.join(home, "bin"), { recursive: true });
    await mkdir(path.join(home, "lib"));
    await mkdir(path.join(dir, "jdk", "bin"), { recursive: true });
    await writeFile(path.join(dir, "jdk", "bin", "java"), FAKE_JAVA);
    await chmod(path.join(dir, "jdk", "bin", "java"), 0o755);
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      ROCKETMQ_HOME: home,
      JAVA_HOME: path.join(dir, "jdk"),
      ARGS_FILE: path.join(dir, "args"),
      RMQ_START_GRACE: "0.3",
    };
  });

  afterAll(async () => {
    for (const pid of started) if (running(pid)) process.kill(pid, "SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  async function startBroker(name: string, extraEnv: Env = {}) {
    const pidfile = path.join(dir, "run", `${name}.pid`);
    const { stdout } = await run(path.join(env.ROCKETMQ_HOME!, "bin", "mqbroker"), ["-c", `${name}.conf`, "--pidfile", pidfile], {
      env: processEnv({ ...env, ROCKETMQ_LOG_DIR: path.join(dir, "logs", name), ...extraEnv }),
    });
    const pid = Number(await readFile(pidfile, "utf8"));
    started.push(pid);
    return { pid, pidfile, stdout };
  }

  it("starts a broker in the background and writes the JVM's own pid", async () => {
    const { pid, stdout } = await startBroker("n0", { JAVA_OPT_EXT: "-Xms256m -Xmx256m" });
    expect(stdout).toContain(`started broker pid ${pid}`);
    expect(running(pid)).toBe(true);
    const args = (await readFile(`${env.ARGS_FILE}.${pid}`, "utf8")).trim().split("\n");
    // JAVA_OPT_EXT comes after the defaults, so -Xmx256m wins over -Xmx2g.
    expect(args.indexOf("-Xmx256m")).toBeGreaterThan(args.indexOf("-Xmx2g"));
    expect(args).toContain("--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED");
    expect(args).toContain(`-Drocketmq.logs.dir=${path.join(dir, "logs", "n0")}`);
    expect(args.slice(-3)).toEqual(["org.apache.rocketmq.broker.BrokerStartup", "-c", "n0.conf"]);
  });

  it("refuses to start a second process on a live pidfile", async () => {
    await expect(startBroker("n0")).rejects.toMatchObject({ stderr: expect.stringContaining("already running") });
  });

  it("reports a process that dies during start, with its output", async () => {
    await expect(startBroker("bad", { FAIL_AT_START: "1" })).rejects.toMatchObject({ stderr: expect.stringContaining("bad conf") });
  });

  it("stops exactly the process of its pidfile and leaves the other brokers of the host running", async () => {
    const n1 = await startBroker("n1");
    const n2 = await startBroker("n2");
    const { stdout } = await run(path.join(env.ROCKETMQ_HOME!, "bin", "mqstop"), ["--timeout", "5", n1.pidfile], { env: processEnv(env) });
    expect(stdout).toContain(`stopped pid ${n1.pid}`);
    expect(running(n1.pid)).toBe(false);
    expect(running(n2.pid)).toBe(true);
    await expect(readFile(n1.pidfile)).rejects.toThrow();
  });

  it("never signals a process that merely reuses a stale pidfile's pid", async () => {
    const pidfile = path.join(dir, "run", "stale.pid");
    await writeFile(pidfile, String(process.pid));
    const { stdout } = await run(path.join(env.ROCKETMQ_HOME!, "bin", "mqstop"), [pidfile], { env: processEnv(env) });
    expect(stdout).toContain("not running (stale pidfile");
    expect(running(process.pid)).toBe(true);
  });
});
