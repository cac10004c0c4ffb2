import { z } from "zod";
import { says } from "../i18n/schema";
import { displayName } from "../schema";

// Shared by the forms (inline errors) and the route handlers (the real check).

export const datacenterSchema = z.object({
  name: displayName("name"),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,31}$/, says("validation.inventory.datacenterCode")),
  description: z.string().trim().max(500, says("validation.inventory.descriptionTooLong")).default(""),
});

const hostnamePattern = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ipv4Pattern = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv6Pattern = /^[0-9A-Fa-f:]+$/;

export const hostAddressSchema = z
  .string()
  .trim()
  .min(1, says("validation.inventory.addressRequired"))
  .max(253, says("validation.inventory.addressTooLong"))
  .refine(
    (value) =>
      ipv4Pattern.test(value) ||
      (value.includes(":") && ipv6Pattern.test(value)) ||
      (hostnamePattern.test(value) && !/^[\d.]+$/.test(value)),
    says("validation.inventory.address"),
  );

export const labelSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,63}(=[A-Za-z0-9_.-]{0,63})?$/, says("validation.inventory.label"));

export const hostSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, says("validation.inventory.hostNameRequired"))
    .max(63, says("validation.inventory.hostNameTooLong"))
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, says("validation.inventory.hostNameCharacters")),
  address: hostAddressSchema,
  sshPort: z.coerce
    .number(says("validation.inventory.sshPortNotANumber"))
    .int(says("validation.inventory.sshPortNotWhole"))
    .min(1, says("validation.inventory.sshPortRange"))
    .max(65535, says("validation.inventory.sshPortRange")),
  sshUser: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, says("validation.inventory.sshUser")),
  datacenterId: z.guid(says("validation.inventory.pickDatacenter")),
  credentialId: z.guid(says("validation.inventory.pickCredential")).nullable().default(null),
  labels: z.array(labelSchema).max(32, says("validation.inventory.tooManyLabels")).default([]),
});

export const credentialSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ssh_key"),
    name: displayName("name"),
    privateKey: z
      .string()
      .trim()
      .max(16 * 1024, says("validation.inventory.privateKeyTooLong"))
      .regex(/^-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----$/, says("validation.inventory.privateKeyForm")),
    passphrase: z.string().max(1000).optional(),
  }),
  z.object({
    kind: z.literal("password"),
    name: displayName("name"),
    password: z.string().min(1, says("validation.inventory.passwordRequired")).max(1000),
  }),
]);

export const trustHostKeySchema = z.object({
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, says("validation.inventory.fingerprint")),
});

export const testConnectionSchema = z.object({
  diskPath: z
    .string()
    .max(4096, says("validation.inventory.diskPathTooLong"))
    .regex(/^\/[^\0\n]*$/, says("validation.inventory.diskPathAbsolute"))
    .default("/"),
});

export type DatacenterInput = z.infer<typeof datacenterSchema>;
export type HostInput = z.infer<typeof hostSchema>;
export type CredentialInput = z.infer<typeof credentialSchema>;
