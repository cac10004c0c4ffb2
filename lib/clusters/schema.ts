import { z } from "zod";
import { clusterDraftSchema, ROCKETMQ_VERSION_PATTERN } from "../dledger";

// Inputs of the cluster routes, shared with the wizard's forms.

export const createClusterSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(100, "Name must be at most 100 characters."),
  brokerClusterName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9@._-]{1,64}$/, "brokerClusterName may only contain letters, digits and @ . _ - (e.g. RaftCluster)."),
  rocketmqVersion: z.string().trim().regex(ROCKETMQ_VERSION_PATTERN, "Version must look like 4.9.3 or 5.3.3."),
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

/** A revision number from a URL segment or query parameter. */
export const revisionNumberSchema = z.coerce.number({ message: "Revision must be a number." }).int("Revision must be a whole number.").min(1, "Revision numbers start at 1.");

export const importClustersSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(100, "Name must be at most 100 characters."),
  rocketmqVersion: z.string().trim().regex(ROCKETMQ_VERSION_PATTERN, "Version must look like 4.9.3 or 5.3.3."),
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
