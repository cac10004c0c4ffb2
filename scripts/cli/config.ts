import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { CliError } from "./errors";

// Where the CLI finds the panel and its token: RMQ_PANEL_URL and RMQ_PANEL_TOKEN, else the config file
// (RMQ_PANEL_CONFIG, default ~/.config/rmq-panel/config.json: {"url": "...", "token": "..."}); the env wins per key.

const configFileSchema = z.object({ url: z.string().optional(), token: z.string().optional() }).strict();

export interface PanelConfig {
  url: URL;
  token: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RMQ_PANEL_CONFIG) return env.RMQ_PANEL_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "rmq-panel", "config.json");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PanelConfig {
  const file = configPath(env);
  const stored = readConfigFile(file);
  const url = env.RMQ_PANEL_URL || stored.url;
  const token = env.RMQ_PANEL_TOKEN || stored.token;
  if (!url) throw new CliError(`no panel address: set RMQ_PANEL_URL or "url" in ${file}`);
  if (!token) throw new CliError(`no API token: set RMQ_PANEL_TOKEN or "token" in ${file} (create one on the panel's Access page)`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`the panel address "${url}" is not a URL (e.g. https://panel.example.com)`);
  }
  return { url: parsed, token };
}

function readConfigFile(file: string): z.infer<typeof configFileSchema> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw new CliError(`${file}: expected {"url": "...", "token": "..."} (${z.prettifyError(parsed.error)})`);
  return parsed.data;
}
