/**
 * The panel as `npm start` runs it (production build, embedded PostgreSQL in `dataDir`, web + worker), for the
 * benchmarks in scripts/: started on a port of its own, its output in `dataDir`/panel.log. Plain Node.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { eventually } from "../rocketmq/testing/lab-group";

export interface BenchPanel {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startBenchPanel(options: { dataDir: string; port: number; env?: Record<string, string> }): Promise<BenchPanel> {
  const { dataDir, port } = options;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      RMQ_PANEL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      RMQ_PANEL_SECRET: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logFile = path.join(dataDir, "panel.log");
  const log = await fs.open(logFile, "a");
  child.stdout?.on("data", (chunk) => void log.write(chunk).catch(() => undefined));
  child.stderr?.on("data", (chunk) => void log.write(chunk).catch(() => undefined));
  const started = Date.now();
  await eventually("the panel to answer", 600_000, async () => {
    // A failed probe only means "not yet" to eventually(): a panel that exited ends the wait, and is reported below.
    if (child.exitCode !== null) return true;
    const up = await fetch(`http://127.0.0.1:${port}/login`, { redirect: "manual" }).then(
      (r) => r.status < 500,
      () => false,
    );
    return up || undefined;
  });
  if (child.exitCode !== null) throw new Error(`the panel exited: ${await fs.readFile(logFile, "utf8")}`);
  console.log(`panel up in ${Math.round((Date.now() - started) / 1000)} s (includes next build when the sources changed)`);
  return {
    child,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      await log.close();
    },
  };
}
