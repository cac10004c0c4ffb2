import { z } from "zod";
import { clusterDraftSchema, ROCKETMQ_VERSION_PATTERN } from "../design";
import { displayName } from "../schema";

// Inputs of the cluster routes, shared with the wizard's forms.

const rocketmqVersion = z
  .string()
  .trim()
  .max(32, "Version must look like 4.9.3 or 5.3.3.")
  .regex(ROCKETMQ_VERSION_PATTERN, "Version must look like 4.9.3 or 5.3.3.");

export const createClusterSchema = z.object({
  name: displayName("Name"),
  brokerClusterName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9@._-]{1,64}$/, "brokerClusterName may only contain letters, digits and @ . _ - (e.g. RaftCluster)."),
  rocketmqVersion,
});

export const WIZARD_STEPS = ["Basics", "NameServers", "Groups", "Tuning", "Review"] as const;

export const saveDraftSchema = z.object({
  draft: clusterDraftSchema,
  step: z.number().int().min(1).max(WIZARD_STEPS.length),
});

export const saveRevisionSchema = z.object({
  note: z.string().trim().max(500, "Note must be at most 500 characters.").default(""),
  markDesired: z.boolean().default(true),
});

export type CreateClusterInput = z.infer<typeof createClusterSchema>;
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const importClustersSchema = z.object({
  name: displayName("Name"),
  rocketmqVersion,
  files: z
    .array(
      z.object({
        fileName: z.string().trim().min(1, "Each file needs a name.").max(255),
        text: z.string().max(256 * 1024, "A broker conf file over 256 KB is not a broker conf file."),
        hostAddress: z.string().trim().max(255).optional(),
      }),
    )
    .min(1, "Add at least one broker conf file.")
    .max(200, "At most 200 files at once."),
});

export type ImportClustersInput = z.infer<typeof importClustersSchema>;
