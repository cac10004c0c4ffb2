import { z } from "zod";

// What the panel knows about a host's machine, as stored in HostFacts.facts (JSON) and shown
// in the UI. Shared by the gatherer (server) and the pages (client): no server-only here.

export const javaFactsSchema = z.object({
  /** As `java -version` prints it: "17.0.15", "1.8.0_381", "21". */
  version: z.string().min(1),
  /** Feature release: 8 for "1.8.0_381", 17 for "17.0.15". */
  major: z.number().int().positive(),
  /** The `java -version` output, for the operator to read. */
  raw: z.string(),
});

export const hostFactsSchema = z.object({
  os: z.object({
    /** os-release ID, e.g. "debian". */
    id: z.string().min(1),
    versionId: z.string().nullable(),
    prettyName: z.string().min(1),
  }),
  kernel: z.string().min(1),
  cpuCount: z.number().int().positive(),
  memoryBytes: z.number().int().positive(),
  /** The path asked about (e.g. the store root); measured on its nearest existing ancestor. */
  diskPath: z.string().startsWith("/"),
  /** Bytes available to unprivileged users on the file system holding diskPath. */
  diskFreeBytes: z.number().int().nonnegative(),
  /** null when `java` is not on the SSH user's PATH. */
  java: javaFactsSchema.nullable(),
  /** Ports with a TCP listener (IPv4 or IPv6, any address), ascending. */
  listeningTcpPorts: z.array(z.number().int().min(1).max(65535)),
  gatheredAt: z.iso.datetime(),
});

export type JavaFacts = z.infer<typeof javaFactsSchema>;
export type HostFacts = z.infer<typeof hostFactsSchema>;
