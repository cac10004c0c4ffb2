import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { RemoteFileError } from "./errors";
import type { SshSession } from "./session";

const host = inject("labHosts")[2];
let session: SshSession;
let remoteDir: string;
let localDir: string;

beforeAll(async () => {
  session = await connectToLabHost(host);
  remoteDir = `/tmp/sftp-test-${randomBytes(4).toString("hex")}`;
  await session.run("mkdir", ["mkdir", "-p", remoteDir]);
  localDir = await mkdtemp(path.join(os.tmpdir(), "rmq-sftp-"));
});
afterAll(async () => {
  await session?.exec(["rm", "-rf", remoteDir]);
  await session?.close();
  await rm(localDir, { recursive: true, force: true });
});

async function listDir(): Promise<string[]> {
  return (await session.run("ls", ["ls", "-A", remoteDir])).stdout.split("\n").filter(Boolean).sort();
}

describe("moving files over SFTP", () => {
  it("uploads a file with progress, and it arrives whole", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const local = path.join(localDir, "rocketmq-broker.jar");
    await writeFile(local, data);
    const progress: number[] = [];
    await session.upload(local, `${remoteDir}/rocketmq-broker.jar`, { onProgress: (sent, total) => progress.push(sent / total) });
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await session.sha256(`${remoteDir}/rocketmq-broker.jar`)).toBe(createHash("sha256").update(data).digest("hex"));
    expect(await listDir()).toEqual(["rocketmq-broker.jar"]);
  });

  it("replaces a config atomically, keeping the previous one", async () => {
    const conf = `${remoteDir}/broker.conf`;
    await session.writeFileAtomic(conf, "brokerName=a\n", { mode: 0o600, keepPrevious: true });
    await session.writeFileAtomic(conf, "brokerName=b\n", { mode: 0o600, keepPrevious: true });
    await session.writeFileAtomic(conf, "brokerName=c\n", { mode: 0o600, keepPrevious: true });
    expect((await session.readFile(conf)).toString()).toBe("brokerName=c\n");
    expect((await session.readFile(`${conf}.prev`)).toString()).toBe("brokerName=b\n");
    expect((await session.run("stat", ["stat", "-c", "%a", conf])).stdout).toBe("600\n");
    expect(await listDir()).toEqual(["broker.conf", "broker.conf.prev", "rocketmq-broker.jar"]);
  });

  it("writes a large file atomically", async () => {
    const data = randomBytes(700 * 1024);
    await session.writeFileAtomic(`${remoteDir}/big.bin`, data);
    expect(Buffer.compare(await session.readFile(`${remoteDir}/big.bin`), data)).toBe(0);
  });

  it("names the missing file, or the one that is too large", async () => {
    await expect(session.readFile(`${remoteDir}/nope`)).rejects.toMatchObject({ problem: "not-found", path: `${remoteDir}/nope` });
    await expect(session.sha256(`${remoteDir}/nope`)).rejects.toBeInstanceOf(RemoteFileError);
    await expect(session.readFile(`${remoteDir}/big.bin`, { maxBytes: 1024 })).rejects.toMatchObject({ problem: "too-large" });
    await expect(session.writeFileAtomic("/no/such/dir/x.conf", "x")).rejects.toMatchObject({ problem: "not-found" });
  });
});
