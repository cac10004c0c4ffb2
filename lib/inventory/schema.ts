import { z } from "zod";
import { displayName } from "../schema";

// Shared by the forms (inline errors) and the route handlers (the real check).

export const datacenterSchema = z.object({
  name: displayName("Name"),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,31}$/, "Code must be 2–32 lowercase letters, digits or '-', starting with a letter (e.g. suzhou)."),
  description: z.string().trim().max(500, "Description must be at most 500 characters.").default(""),
});

const hostnamePattern = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ipv4Pattern = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv6Pattern = /^[0-9A-Fa-f:]+$/;

export const hostAddressSchema = z
  .string()
  .trim()
  .min(1, "Address is required.")
  .max(253, "Address must be at most 253 characters.")
  .refine(
    (value) =>
      ipv4Pattern.test(value) ||
      (value.includes(":") && ipv6Pattern.test(value)) ||
      (hostnamePattern.test(value) && !/^[\d.]+$/.test(value)),
    {
      message: "Address must be an IPv4/IPv6 address or a DNS name (letters, digits, '-' and '.').",
    },
  );

export const labelSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,63}(=[A-Za-z0-9_.-]{0,63})?$/, "Labels look like `key` or `key=value` (letters, digits, '_', '.', '-').");

export const hostSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name is required.")
    .max(63, "Name must be at most 63 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Name may contain letters, digits, '.', '_' and '-' only, starting with a letter or digit."),
  address: hostAddressSchema,
  sshPort: z.coerce
    .number({ message: "SSH port must be a number." })
    .int("SSH port must be a whole number.")
    .min(1, "SSH port must be between 1 and 65535.")
    .max(65535, "SSH port must be between 1 and 65535."),
  sshUser: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "SSH user must be a Unix user name (lowercase letters, digits, '_' and '-')."),
  datacenterId: z.guid("Pick a datacenter."),
  credentialId: z.guid("Pick a credential, or none.").nullable().default(null),
  labels: z.array(labelSchema).max(32, "At most 32 labels.").default([]),
});

export const credentialSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ssh_key"),
    name: displayName("Name"),
    privateKey: z
      .string()
      .trim()
      .max(16 * 1024, "A private key is at most a few kilobytes; this is not one.")
      .regex(
        /^-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----$/,
        "Paste a private key in PEM/OpenSSH form (-----BEGIN … PRIVATE KEY-----).",
      ),
    passphrase: z.string().max(1000).optional(),
  }),
  z.object({
    kind: z.literal("password"),
    name: displayName("Name"),
    password: z.string().min(1, "Password is required.").max(1000),
  }),
]);

export const trustHostKeySchema = z.object({
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "Fingerprint must look like SHA256:<43 base64 characters>."),
});

export const testConnectionSchema = z.object({
  diskPath: z
    .string()
    .max(4096, "Disk path must be at most 4096 characters.")
    .regex(/^\/[^\0\n]*$/, "Disk path must be an absolute path.")
    .default("/"),
});

export type DatacenterInput = z.infer<typeof datacenterSchema>;
export type HostInput = z.infer<typeof hostSchema>;
export type CredentialInput = z.infer<typeof credentialSchema>;
