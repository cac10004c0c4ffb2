import "server-only";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import { message } from "../i18n/message";

/** Where `npm run rocketmq:fetch` leaves the assembled tarballs; RMQ_PANEL_DIST_DIR to use another folder. */
function distDir(): string {
  return path.resolve(process.env.RMQ_PANEL_DIST_DIR ?? ".cache/rocketmq");
}

export interface LocalTarball {
  path: string;
  sha256: string;
  bytes: number;
}

/** The panel's own tarball of a version, with its recorded SHA-256; a readable error when it was never assembled. */
export function localTarball(version: string): LocalTarball {
  const tarball = path.join(distDir(), `rocketmq-${version}.tar.gz`);
  const checksum = `${tarball}.sha256`;
  if (!existsSync(tarball) || !existsSync(checksum)) {
    throw new AppError(message("errors.deploy.noDistribution", { version, tarball }), 422, "no_distribution");
  }
  const sha256 = readFileSync(checksum, "utf8").trim().split(/\s+/)[0];
  return { path: tarball, sha256, bytes: statSync(tarball).size };
}
