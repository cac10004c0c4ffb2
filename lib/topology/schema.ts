import { z } from "zod";
import { says, speak } from "../i18n/schema";
import { displayName, idSchema } from "../schema";

// Inputs of the topology routes, shared with the attach form.

const ADDRESS = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/;

const address = z
  .string()
  .max(261, says("validation.topology.addressTooLong"))
  .refine((value) => ADDRESS.test(value) && Number(ADDRESS.exec(value)?.[1]) >= 1 && Number(ADDRESS.exec(value)?.[1]) <= 65535, {
    error: (issue) => speak("validation.topology.notAnAddress", { input: String(issue.input) }),
  });

/** "a:9876;b:9876" (namesrvAddr style), or separated by commas, spaces or lines; or a list. */
export const nameServerListSchema = z
  .union([
    z.string().max(8192, says("validation.topology.listTooLong")),
    z.array(z.string()).max(64, says("validation.topology.tooManyNameServers")),
  ])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[;,\s]+/)).map((a) => a.trim()).filter((a) => a !== ""))
  .pipe(z.array(address).min(1, says("validation.topology.noNameServer")).max(16, says("validation.topology.tooManyNameServers")))
  .transform((list) => [...new Set(list)]);

export const attachClusterSchema = z.object({
  name: displayName("name"),
  nameServers: nameServerListSchema,
  brokerClusterName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9@._-]{0,64}$/, says("validation.topology.brokerClusterName"))
    .optional()
    .transform((value) => value || undefined),
  // The form's "no datacenter" is the empty string.
  datacenterId: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(idSchema.optional()),
});

export type AttachClusterInput = z.infer<typeof attachClusterSchema>;

/** A node key `<brokerName>/<selfId>` from a query parameter. */
export const nodeKeySchema = z.string().regex(/^[A-Za-z0-9@._-]{1,64}\/[A-Za-z]\d+$/, says("validation.topology.nodeKey"));
