import "server-only";
import { statSync } from "node:fs";
import type { StepContext, StepOutcome } from "../../jobs/model";
import { StepFailure } from "../../jobs/model";
import { message } from "../../i18n/message";
import { bash, RemoteFileError } from "../../ssh";
import { localTarball } from "../../nodes/distribution";
import { distributionHome, remoteTarballPath } from "../../nodes/layout";
import { DOWNLOAD, UNPACK } from "../remote-scripts";
import type { HostStepInput } from "../resources";

const MARKER = ".rmq-panel-sha256";

/** Gets the tarball onto the host (SFTP or the host's own download), verifies it, unpacks it; skips all when done. */
export async function install(ctx: StepContext, input: HostStepInput): Promise<StepOutcome> {
  const { host, session, resources } = input;
  const { spec, params } = resources;
  const version = spec.cluster.rocketmqVersion;
  const home = distributionHome(spec);
  const source = params.source;
  const expected = source.kind === "upload" ? localTarball(version).sha256 : source.sha256;

  const marker = await session.exec(["cat", `${home}/${MARKER}`], { signal: ctx.signal });
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
    await upload(ctx, input, tarball);
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

async function upload(ctx: StepContext, { host, session, resources }: HostStepInput, tarball: string): Promise<void> {
  const local = localTarball(resources.spec.cluster.rocketmqVersion);
  const totalMb = (statSync(local.path).size / 1024 / 1024).toFixed(1);
  ctx.log(message("jobLog.install.uploading", { path: local.path, size: totalMb, host: host.name, tarball }));
  let lastQuarter = 0;
  // SFTP transfers have no abort of their own: cancelling closes this host's connection.
  const onAbort = () => void resources.connections.drop(host.id);
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

async function remoteSha256(session: HostStepInput["session"], path: string): Promise<string | null> {
  try {
    return await session.sha256(path);
  } catch (error) {
    if (error instanceof RemoteFileError && error.problem === "not-found") return null;
    throw error;
  }
}
