import { z } from "zod";
import { clusterDraftSchema, ROCKETMQ_VERSION_PATTERN } from "../design";
import { says } from "../i18n/schema";
import { displayName } from "../schema";

// Inputs of the cluster routes, shared with the wizard's forms.

const rocketmqVersion = z
  .string()
  .trim()
  .max(32, says("validation.clusters.version"))
  .regex(ROCKETMQ_VERSION_PATTERN, says("validation.clusters.version"));

export const createClusterSchema = z.object({
  name: displayName("name"),
  brokerClusterName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9@._-]{1,64}$/, says("validation.clusters.brokerClusterName")),
  rocketmqVersion,
});

export const WIZARD_STEPS = ["Basics", "NameServers", "Groups", "Tuning", "Review"] as const;

export const saveDraftSchema = z.object({
  draft: clusterDraftSchema,
  step: z.number().int().min(1).max(WIZARD_STEPS.length),
});

export const saveRevisionSchema = z.object({
  note: z.string().trim().max(500, says("validation.clusters.noteTooLong")).default(""),
  markDesired: z.boolean().default(true),
});

export type CreateClusterInput = z.infer<typeof createClusterSchema>;
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const importClustersSchema = z.object({
  name: displayName("name"),
  rocketmqVersion,
  files: z
    .array(
      z.object({
        fileName: z.string().trim().min(1, says("validation.clusters.fileNameRequired")).max(255),
        text: z.string().max(256 * 1024, says("validation.clusters.fileTooLarge")),
        hostAddress: z.string().trim().max(255).optional(),
      }),
    )
    .min(1, says("validation.clusters.noFiles"))
    .max(200, says("validation.clusters.tooManyFiles")),
});

export type ImportClustersInput = z.infer<typeof importClustersSchema>;
