import "server-only";
import type { Host } from "../db/generated/client";
import type { ClusterSpec } from "../design";
import { type StepContext, type StepOutcome, StepFailure } from "../jobs/model";
import { message } from "../i18n/message";
import { bash, RemoteFileError, type SshSession } from "../ssh";
import type { HostConnections } from "./connections";
import { localTarball } from "./distribution";
import { INSTALL_MARKER, DOWNLOAD, UNPACK } from "./install-scripts";
import { distributionHome, remoteTarballPath } from "./layout";

// A RocketMQ release unpacked on a host, shared by the deploy's install step and apply's (beside the running
// release, before an upgrade). Each release has its own home, so installing one never touches a running node.

/** Where the tarball comes from: the panel's own (uploaded by SFTP), or a URL each host downloads with its checksum. */
export type ReleaseSource = { kind: "upload" } | { kind: "url"; url: string; sha256: string };

export interface ReleaseTarget {
  host: Host;
  session: SshSession;
  /** An SFTP upload has no abort of its own: cancelling closes the host's connection. */
  connections: HostConnections;
  /** The release (rocketmqVersion) and where it goes (installDir). */
  spec: ClusterSpec;
}

/**
 * Gets the tarball onto the host, verifies its SHA-256 and unpacks it; skips all of it when the release's home
 * already holds that tarball (its marker file). A home the panel did not unpack, or unpacked from another tarball, is
 * refused, never overwritten: processes may run from it.
 */
export async function ensureReleaseInstalled(ctx: StepContext, target: ReleaseTarget, source: ReleaseSource): Promise<StepOutcome> {
  const { host, session, spec } = target;
  const version = spec.cluster.rocketmqVersion;
  const home = distributionHome(spec);
  const expected = source.kind === "upload" ? localTarball(version).sha256 : source.sha256;

  const marker = await session.exec(["cat", `${home}/${INSTALL_MARKER}`], { signal: ctx.signal });
  const installed = marker.exitCode === 0 ? marker.stdout.trim() : null;
  if (installed === expected) {
    ctx.log(message("jobLog.install.alreadyInstalled", { version, home, sha256: expected.slice(0, 12) }));
    ctx.progress(1);
    return { changed: false, detail: { home, sha256: expected } };
  }
  const exists = await session.exec(["test", "-e", home], { signal: ctx.signal });
  if (exists.exitCode === 0) {
    throw new StepFailure(
      installed
        ? message("jobLog.install.fromOtherTarball", { host: host.name, home, sha256: installed.slice(0, 12) })
        : message("jobLog.install.notOurs", { host: host.name, home }),
    );
  }

  const tarball = remoteTarballPath(spec);
  await session.run("creating the download folder", ["mkdir", "-p", tarball.slice(0, tarball.lastIndexOf("/"))], { signal: ctx.signal });
  if ((await remoteSha256(session, tarball)) === expected) {
    ctx.log(message("jobLog.install.tarballPresent", { tarball, host: host.name }));
  } else if (source.kind === "upload") {
    await upload(ctx, target, tarball);
  } else {
    ctx.log(message("jobLog.install.downloading", { host: host.name, url: source.url }));
    await session.run(`downloading ${source.url}`, bash(DOWNLOAD, [source.url, tarball]), {
      signal: ctx.signal,
      onStderr: ctx.stream("stderr").write,
    });
  }
  ctx.progress(1);

  const actual = await remoteSha256(session, tarball);
  if (actual !== expected) {
    await session.exec(["rm", "-f", tarball]);
    throw new StepFailure(
      message("jobLog.install.checksumMismatch", {
        host: host.name,
        tarball,
        actual: actual ?? message("jobLog.install.missing"),
        expected,
      }),
    );
  }
  ctx.log(message("jobLog.install.checksumVerified", { sha256: expected }));
  const unpack = await session.run("unpacking the distribution", bash(UNPACK, [tarball, home, expected]), { signal: ctx.signal });
  ctx.log(unpack.stdout.trim());
  return { changed: true, detail: { home, sha256: expected } };
}

async function upload(ctx: StepContext, { host, session, connections, spec }: ReleaseTarget, tarball: string): Promise<void> {
  const local = localTarball(spec.cluster.rocketmqVersion);
  const totalMb = (local.bytes / 1024 / 1024).toFixed(1);
  ctx.log(message("jobLog.install.uploading", { path: local.path, size: totalMb, host: host.name, tarball }));
  let lastQuarter = 0;
  const onAbort = () => void connections.drop(host.id);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const started = Date.now();
  try {
    await session.upload(local.path, tarball, {
      onProgress: (sent, total) => {
        ctx.progress(sent / total);
        const quarter = Math.floor((sent / total) * 4);
        if (quarter > lastQuarter && quarter < 4) {
          lastQuarter = quarter;
          ctx.log(message("jobLog.install.uploaded", { percent: quarter * 25 }));
        }
      },
    });
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
  }
  ctx.log(message("jobLog.install.uploadedIn", { seconds: ((Date.now() - started) / 1000).toFixed(1) }));
}

async function remoteSha256(session: SshSession, path: string): Promise<string | null> {
  try {
    return await session.sha256(path);
  } catch (error) {
    if (error instanceof RemoteFileError && error.problem === "not-found") return null;
    throw error;
  }
}
