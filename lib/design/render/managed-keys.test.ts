import { describe, expect, it } from "vitest";
import { brokerSections } from "../model/derive";
import { runbookSpec } from "../fixtures/specs";
import { renderAllFiles } from "./generate";
import { parseProperties } from "./properties";
import { clusterSpecSchema, MANAGED_BROKER_KEYS } from "../model/schema";

// The generator writes extra properties after the keys it derives, and Properties.load keeps the last value of a
// repeated key: an extra property named like a derived key would silently win. The schema refuses such extras
// for every key in MANAGED_BROKER_KEYS, so that list must hold every key the generator writes.

function specWithPreferredLeader() {
  const spec = runbookSpec();
  spec.groups[0].preferredLeaderId = "n1";
  return spec;
}

describe("keys the panel manages", () => {
  it("are every key the generator writes, so none can be left open to an extra property", () => {
    const spec = specWithPreferredLeader();
    const written = new Set(
      spec.groups.flatMap((group) =>
        group.nodes.flatMap((node) =>
          brokerSections(spec, group, node)
            .filter((section) => section.title !== "Extra properties")
            .flatMap((section) => section.items.map((item) => item.key)),
        ),
      ),
    );
    expect([...written].sort()).toEqual([...MANAGED_BROKER_KEYS].sort());
  });

  it.each(MANAGED_BROKER_KEYS.map((key) => [key]))("%s cannot be set as an extra property", (key) => {
    const spec = specWithPreferredLeader();
    spec.groups[0].nodes[0].extraProperties = { [key]: "1" };
    const parsed = clusterSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join(" ")).toContain(`${key} is set by the panel`);
  });

  it("appear once in every rendered file, next to extra properties", () => {
    const spec = specWithPreferredLeader();
    spec.groups[0].nodes[0].extraProperties = { maxMessageSize: "8388608", brokerRole: "SLAVE" };
    for (const file of renderAllFiles(clusterSpecSchema.parse(spec))) {
      const keys = parseProperties(file.content).entries.map((e) => e.key);
      expect(keys.length, file.path).toBe(new Set(keys).size);
    }
  });
});
