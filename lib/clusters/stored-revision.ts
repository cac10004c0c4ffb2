import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { ClusterRevision } from "../db/generated/client";
import { clusterSpecSchema, type ClusterSpec, type Finding, type RenderedFile } from "../design";
import { notFound } from "../errors";
import type { Message, MessageKey, MessageList, MessageValue, Separator } from "../i18n/message";

// A revision's JSON columns as saveRevision writes them, parsed whenever a revision is read: every reader (deploy,
// operations, diffs, the wizard) gets the same typed shape, and a row that does not parse fails loudly here.

const text = z.string();

// satisfies: the schemas cannot drift from the types the generator and the linter produce.
const renderedFileSchema = z.object({
  path: text,
  hostId: text,
  role: z.enum(["namesrv", "broker"]),
  group: text.optional(),
  selfId: text.optional(),
  content: text,
}) satisfies z.ZodType<RenderedFile>;

// A finding's text and hint as catalog keys and values, for the reader's language; a value of the text may nest.
const messageKey = z.custom<MessageKey>((key) => typeof key === "string");
const separator = z.enum(["and", "comma", "semicolon"]) satisfies z.ZodType<Separator>;
const messageSchema: z.ZodType<Message> = z.lazy(() => z.object({ key: messageKey, values: z.record(text, valueSchema).optional() }));
const items = z.array(z.union([text, messageSchema]));
const listSchema: z.ZodType<MessageList> = z.union([
  z.object({ items, separator }),
  // Lists the linter stored before its separators became everyone's: { join: "lint.join.and", items }.
  z
    .object({ join: z.templateLiteral(["lint.join.", separator]), items })
    .transform(({ join, items }) => ({ items, separator: join.slice("lint.join.".length) as Separator })),
]);
const valueSchema: z.ZodType<MessageValue> = z.union([text, z.number(), messageSchema, listSchema]);

const findingSchema = z.object({
  ruleId: text,
  severity: z.enum(["error", "warning", "info"]),
  message: text,
  hint: text,
  text: messageSchema.optional(),
  hintText: messageSchema.optional(),
  location: z.object({
    group: text.optional(),
    node: text.optional(),
    host: text.optional(),
    key: text.optional(),
    file: text.optional(),
  }),
}) satisfies z.ZodType<Finding>;

const count = z.number().int().min(0);
const lintResultSchema = z.object({
  findings: z.array(findingSchema),
  counts: z.object({ error: count, warning: count, info: count }),
});

const storedColumnsSchema = z.object({ spec: clusterSpecSchema, files: z.array(renderedFileSchema), lint: lintResultSchema });

type LintResult = z.infer<typeof lintResultSchema>;

export interface Revision extends Omit<ClusterRevision, "spec" | "files" | "lint"> {
  spec: ClusterSpec;
  files: RenderedFile[];
  lint: LintResult;
}

export function parseRevision(row: ClusterRevision): Revision {
  const parsed = storedColumnsSchema.safeParse({ spec: row.spec, files: row.files, lint: row.lint });
  if (!parsed.success) throw new Error(`Revision #${row.number} (${row.id}) does not parse: ${z.prettifyError(parsed.error)}`);
  return { ...row, ...parsed.data };
}

/** A revision by id, or by its cluster and number; a 404 when there is none. */
export async function loadRevision(where: { id: string } | { clusterId: string; number: number }): Promise<Revision> {
  const row =
    "id" in where
      ? await db.clusterRevision.findUnique({ where: { id: where.id } })
      : await db.clusterRevision.findUnique({ where: { clusterId_number: where } });
  if (!row) throw "number" in where ? notFound("revisionNumber", { number: where.number }) : notFound("revision");
  return parseRevision(row);
}
