/**
 * Assembles a runnable RocketMQ of a pinned version from Maven Central jars, laid out like the
 * official release (bin/, conf/, lib/), plus a .tar.gz of it for deploy jobs to upload.
 *
 *   .cache/rocketmq/<version>/                 ROCKETMQ_HOME: bin/ conf/ lib/ rmq-panel-dist.json
 *   .cache/rocketmq/rocketmq-<version>.tar.gz  the same folder as rocketmq-<version>/ (reproducible bytes)
 *   .cache/rocketmq/rocketmq-<version>.tar.gz.sha256
 *   .cache/rocketmq/m2/                        Maven's local repository
 */
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createGzip } from "node:zlib";
import { ROCKETMQ_RELEASES, type RocketmqRelease } from "../versions";
import { logbackXml, sampleDledgerConfs } from "./conf-files";
import { withDirLock } from "./dir-lock";

const run = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const DEFAULT_CACHE_ROOT = join(REPO_ROOT, ".cache", "rocketmq");
const BIN_TEMPLATES = fileURLToPath(new URL("./bin", import.meta.url));
// Named with full coordinates so the plugin version is pinned regardless of the local Maven install.
const COPY_DEPENDENCIES = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies";
const MANIFEST = "rmq-panel-dist.json";

export interface RocketmqDistribution {
  version: RocketmqRelease;
  /** ROCKETMQ_HOME of the assembled distribution. */
  home: string;
  tarball: string;
  sha256: string;
  dledgerVersion: string;
  /** false when it came from the cache. */
  assembled: boolean;
  durationMs: number;
}

interface Manifest {
  version: string;
  dledgerVersion: string;
  /** Of the pom and every generated file: a cache built by older scripts is rebuilt. */
  fingerprint: string;
  jars: string[];
}

export function distributionPaths(version: RocketmqRelease, cacheRoot = DEFAULT_CACHE_ROOT) {
  return {
    home: join(cacheRoot, version),
    tarball: join(cacheRoot, `rocketmq-${version}.tar.gz`),
    staging: join(cacheRoot, `.staging-${version}`),
    lock: join(cacheRoot, `.lock-${version}`),
    mavenRepo: join(cacheRoot, "m2"),
  };
}

export async function ensureRocketmqDistribution(
  version: RocketmqRelease,
  options: { cacheRoot?: string; force?: boolean; log?: (line: string) => void } = {},
): Promise<RocketmqDistribution> {
  const started = performance.now();
  const cacheRoot = options.cacheRoot ?? DEFAULT_CACHE_ROOT;
  const log = options.log ?? (() => {});
  const paths = distributionPaths(version, cacheRoot);
  await mkdir(cacheRoot, { recursive: true });

  return withDirLock(paths.lock, async () => {
    let assembled = false;
    if (options.force || !(await isComplete(version, cacheRoot))) {
      await assemble(version, cacheRoot, log);
      assembled = true;
    }
    const manifest = JSON.parse(await readFile(join(paths.home, MANIFEST), "utf8")) as Manifest;
    return {
      version,
      home: paths.home,
      tarball: paths.tarball,
      sha256: (await readFile(`${paths.tarball}.sha256`, "utf8")).split(" ")[0],
      dledgerVersion: manifest.dledgerVersion,
      assembled,
      durationMs: Math.round(performance.now() - started),
    };
  });
}

async function isComplete(version: RocketmqRelease, cacheRoot: string): Promise<boolean> {
  const paths = distributionPaths(version, cacheRoot);
  if (!existsSync(`${paths.tarball}.sha256`)) return false;
  const manifest = await readFile(join(paths.home, MANIFEST), "utf8").catch(() => null);
  if (manifest === null) return false;
  return (JSON.parse(manifest) as Partial<Manifest>).fingerprint === fingerprint(version, await generatedFiles());
}

interface GeneratedFile {
  text: string;
  mode: number;
}

/** Everything in the distribution besides the jars, by relative path. */
async function generatedFiles(): Promise<Map<string, GeneratedFile>> {
  const files = new Map<string, GeneratedFile>();
  for (const name of (await readdir(BIN_TEMPLATES)).sort()) {
    files.set(`bin/${name}`, { text: await readFile(join(BIN_TEMPLATES, name), "utf8"), mode: name.endsWith(".sh") ? 0o644 : 0o755 });
  }
  for (const component of ["namesrv", "broker", "tools"] as const) {
    files.set(`conf/logback_${component}.xml`, { text: logbackXml(component), mode: 0o644 });
  }
  for (const [name, text] of Object.entries(sampleDledgerConfs())) files.set(`conf/dledger/${name}`, { text, mode: 0o644 });
  files.set("conf/broker.conf", { text: singleBrokerConf(), mode: 0o644 });
  files.set("conf/namesrv.conf", { text: "# bin/mqnamesrv -c conf/namesrv.conf\nlistenPort=9876\n", mode: 0o644 });
  return files;
}

function fingerprint(version: RocketmqRelease, files: Map<string, GeneratedFile>): string {
  const hash = createHash("sha256").update(pomXml(version));
  for (const [path, file] of files) hash.update(`\0${path}\0${file.mode}\0${file.text}`);
  return hash.digest("hex");
}

async function assemble(version: RocketmqRelease, cacheRoot: string, log: (line: string) => void) {
  const paths = distributionPaths(version, cacheRoot);
  await rm(paths.staging, { recursive: true, force: true });
  await mkdir(paths.staging, { recursive: true });

  log(`resolving RocketMQ ${version} jars from Maven Central`);
  const pomPath = join(paths.staging, "pom.xml");
  await writeFile(pomPath, pomXml(version));
  // One Maven at a time: two versions assembling at once (parallel test files) share the local repository.
  await withDirLock(join(cacheRoot, ".lock-maven"), () => copyDependencies(version, pomPath, paths));
  await rm(pomPath);

  const jars = (await readdir(join(paths.staging, "lib"))).sort();
  const dledgerVersion = checkDledger(version, jars);

  log("writing bin/ and conf/");
  const files = await generatedFiles();
  for (const [relative, file] of files) {
    const target = join(paths.staging, relative);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.text);
    await chmod(target, file.mode);
  }
  const manifest: Manifest = { version, dledgerVersion, fingerprint: fingerprint(version, files), jars };
  await writeFile(join(paths.staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

  await rm(paths.home, { recursive: true, force: true });
  await rename(paths.staging, paths.home);

  log(`packing ${paths.tarball}`);
  const sha256 = await packTarball(paths.home, version, paths.tarball);
  await writeFile(`${paths.tarball}.sha256`, `${sha256}  rocketmq-${version}.tar.gz\n`);
}

async function copyDependencies(version: RocketmqRelease, pomPath: string, paths: ReturnType<typeof distributionPaths>) {
  const args = [
    "-B",
    "-q",
    "--strict-checksums",
    "-f",
    pomPath,
    `-Dmaven.repo.local=${paths.mavenRepo}`,
    COPY_DEPENDENCIES,
    `-DoutputDirectory=${join(paths.staging, "lib")}`,
    "-DincludeScope=runtime",
  ];
  try {
    await run("mvn", args, { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, MAVEN_OPTS: "-Xmx256m" } });
  } catch (error) {
    const { stdout, message } = error as { stdout?: string; message: string };
    throw new Error(`mvn could not resolve RocketMQ ${version}: ${stdout?.slice(-2000) || message}`);
  }
}

function pomXml(version: RocketmqRelease): string {
  const dependency = (artifact: string) =>
    `    <dependency><groupId>org.apache.rocketmq</groupId><artifactId>${artifact}</artifactId><version>${version}</version></dependency>`;
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>rmq-panel</groupId>
  <artifactId>rocketmq-distribution</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${["rocketmq-namesrv", "rocketmq-broker", "rocketmq-tools"].map(dependency).join("\n")}
  </dependencies>
</project>
`;
}

/** DLedger arrives through rocketmq-store; its version decides which DLedger calls exist. */
function checkDledger(version: RocketmqRelease, jars: string[]): string {
  const jar = jars.find((name) => /^dledger-[\d.]+\.jar$/.test(name));
  if (!jar) throw new Error(`RocketMQ ${version}: no dledger jar among the resolved dependencies`);
  const found = jar.slice("dledger-".length, -".jar".length);
  const pinned = ROCKETMQ_RELEASES[version].dledger;
  if (found !== pinned) throw new Error(`RocketMQ ${version} resolved dledger ${found}, but versions.ts pins ${pinned}`);
  return found;
}

function singleBrokerConf(): string {
  return "# A single broker without DLedger; see conf/dledger/ for a three-node group.\n"
    .concat("brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=0\nbrokerRole=ASYNC_MASTER\n")
    .concat("flushDiskType=ASYNC_FLUSH\ndeleteWhen=04\nfileReservedTime=48\n");
}

/** GNU tar with fixed order, owner and mtime, gzip without a timestamp: same inputs, same bytes. */
async function packTarball(home: string, version: RocketmqRelease, tarball: string): Promise<string> {
  const tmp = `${tarball}.tmp`;
  const tar = spawn(
    "tar",
    [
      "-cf",
      "-",
      "--sort=name",
      "--mtime=@0",
      "--owner=0",
      "--group=0",
      "--numeric-owner",
      `--transform=s,^${version},rocketmq-${version},`,
      "-C",
      join(home, ".."),
      version,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve, reject) => {
    tar.on("error", reject);
    tar.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`tar exited with ${code}`))));
  });
  await Promise.all([pipeline(tar.stdout, createGzip({ level: 9 }), createWriteStream(tmp)), exited]);
  await rename(tmp, tarball);
  const hash = createHash("sha256");
  await pipeline(createReadStream(tarball), hash);
  return hash.digest("hex");
}
