import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { acquireTestLab, releaseTestLab } from "../../lib/testing/lab/test-lease";
import { E2E_SSO_USERS, startTestProvider } from "./oidc-provider";

/**
 * The real thing, as an operator gets it: the SSH host lab, and the panel started by `npm start`'s own script
 * (production build, embedded PostgreSQL in a throwaway data folder).
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = String(config.projects[0].use.baseURL);
  const hosts = await acquireTestLab();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-panel-e2e-"));
  // PostgreSQL runs as the `postgres` user, which must be able to pass through to its data folder.
  await fs.chmod(dataDir, 0o711);
  await fs.writeFile(path.join(dataDir, "lab-hosts.json"), JSON.stringify(hosts));
  process.env.RMQ_PANEL_E2E_LAB = path.join(dataDir, "lab-hosts.json");

  const url = new URL(baseURL);
  // A real OpenID Provider for single sign-on (11-sso.spec.ts); the panel keeps its local accounts beside it.
  const provider = await startTestProvider({
    panelRedirectUri: `${url.origin}/api/auth/oidc/callback`,
    panelPostLogoutUri: `${url.origin}/login`,
    users: Object.values(E2E_SSO_USERS),
  });
  const panel = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      ...provider.env,
      DATABASE_URL: "",
      RMQ_PANEL_DATA_DIR: dataDir,
      PORT: url.port,
      HOST: url.hostname,
      RMQ_PANEL_SECRET: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log = await fs.open(path.join(dataDir, "panel.log"), "a");
  panel.stdout.on("data", (chunk) => void log.write(chunk).catch(() => undefined));
  panel.stderr.on("data", (chunk) => void log.write(chunk).catch(() => undefined));
  await waitForPanel(baseURL, panel, path.join(dataDir, "panel.log"));

  return async () => {
    if (panel.exitCode === null) {
      panel.kill("SIGTERM");
      await new Promise((resolve) => panel.once("exit", resolve));
    }
    await log.close();
    await provider.close();
    await releaseTestLab();
    if (!process.env.RMQ_PANEL_E2E_KEEP) await fs.rm(dataDir, { recursive: true, force: true });
  };
}

async function waitForPanel(baseURL: string, panel: ReturnType<typeof spawn>, logFile: string) {
  // A cold start includes `next build` (about a minute on two cores).
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (panel.exitCode !== null) throw new Error(`The panel exited with code ${panel.exitCode}:\n${await fs.readFile(logFile, "utf8")}`);
    const ok = await fetch(`${baseURL}/login`, { redirect: "manual" }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The panel did not answer at ${baseURL} within 5 minutes:\n${await fs.readFile(logFile, "utf8")}`);
}
