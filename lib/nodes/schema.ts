import { z } from "zod";
import { says } from "../i18n/schema";

// A node's JVM options, shared by the deploy dialog, the deploy route and the operations that restart NameServers.

// JAVA_OPT_EXT travels as one quoted argument, but a JVM option list has no business holding shell syntax.
export const jvmOptionsSchema = z
  .string()
  .trim()
  .max(500, says("validation.nodes.jvmOptionsTooLong"))
  .regex(/^[A-Za-z0-9_:=+.,/ -]*$/, says("validation.nodes.jvmOptionsCharacters"));

export const DEFAULT_NAMESERVER_JVM_OPTIONS = "-Xms512m -Xmx512m -Xmn256m";
