import { z } from "zod";
import { says } from "../i18n/schema";
import { DEFAULT_NAMESERVER_JVM_OPTIONS, jvmOptionsSchema } from "../nodes/schema";
import { revisionNumberSchema } from "../schema";

// Inputs of a deployment, shared by the deploy dialog and the route.

export const deploySourceSchema = z.discriminatedUnion("kind", [
  /** The panel uploads its own assembled tarball (npm run rocketmq:fetch) by SFTP. */
  z.object({ kind: z.literal("upload") }),
  /** Each host downloads the tarball itself (curl or wget); the checksum is required so what runs is known. */
  z.object({
    kind: z.literal("url"),
    url: z
      .string()
      .trim()
      .max(2048, says("validation.deploy.urlTooLong"))
      .regex(/^https?:\/\/\S+$/, says("validation.deploy.urlScheme")),
    sha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, says("validation.deploy.sha256")),
  }),
]);

export const deployRequestSchema = z.object({
  clusterId: z.guid(says("validation.deploy.chooseCluster")),
  /** The revision to deploy; the cluster's desired revision when left out. */
  revision: revisionNumberSchema.optional(),
  source: deploySourceSchema.default({ kind: "upload" }),
  /** JAVA_OPT_EXT of the NameServers (the spec sizes broker heaps, not NameServers). */
  nameServerJvmOptions: jvmOptionsSchema.default(DEFAULT_NAMESERVER_JVM_OPTIONS),
});

export type DeploySource = z.infer<typeof deploySourceSchema>;
export type DeployRequest = z.infer<typeof deployRequestSchema>;
/** What a deploy job stores as its params; parsed again whenever the job reads them. */
export const deployParamsSchema = deployRequestSchema
  .omit({ clusterId: true, revision: true })
  .extend({ revisionNumber: revisionNumberSchema });
export type DeployParams = z.infer<typeof deployParamsSchema>;
