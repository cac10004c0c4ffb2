/**
 * npm run rocketmq:fetch -- <version>… | --all [--force]
 * Assembles RocketMQ <version> (every pinned one with --all) from Maven Central into .cache/rocketmq/<version>/ and packs
 * .cache/rocketmq/rocketmq-<version>.tar.gz (what deploy jobs upload). Cached: a second run is instant.
 */
import { DEFAULT_ROCKETMQ_VERSION, ROCKETMQ_VERSIONS, isPinnedRocketmqVersion } from "../lib/rocketmq/versions";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";

async function main(args: string[]) {
  const force = args.includes("--force");
  const requested = args.filter((arg) => !arg.startsWith("--"));
  const versions = args.includes("--all") ? ROCKETMQ_VERSIONS : requested.length > 0 ? requested : [DEFAULT_ROCKETMQ_VERSION];
  for (const version of versions) {
    if (!isPinnedRocketmqVersion(version)) {
      throw new Error(`RocketMQ ${version} is not pinned; supported: ${ROCKETMQ_VERSIONS.join(", ")} (lib/rocketmq/versions.ts)`);
    }
    const dist = await ensureRocketmqDistribution(version, { force, log: (line) => console.log(`[${version}] ${line}`) });
    console.log(
      `RocketMQ ${dist.version} (dledger ${dist.dledgerVersion}) ${dist.assembled ? "assembled" : "cached"} in ${dist.durationMs} ms\n` +
        `  ROCKETMQ_HOME ${dist.home}\n  tarball       ${dist.tarball}\n  sha256        ${dist.sha256}`,
    );
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`rocketmq:fetch failed: ${error.message}`);
  process.exit(1);
});
