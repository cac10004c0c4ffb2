import { z } from "zod";

// A node's JVM options, shared by the deploy dialog, the deploy route and the operations that restart NameServers.

// JAVA_OPT_EXT travels as one quoted argument, but a JVM option list has no business holding shell syntax.
export const jvmOptionsSchema = z
  .string()
  .trim()
  .max(500, "JVM options must be at most 500 characters.")
  .regex(/^[A-Za-z0-9_:=+.,/ -]*$/, "JVM options may only contain letters, digits, spaces and - _ : = + . , /");

export const DEFAULT_NAMESERVER_JVM_OPTIONS = "-Xms512m -Xmx512m -Xmn256m";
