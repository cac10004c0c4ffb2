import type { Locale } from "./locales";
// Import attributes: Node's own ESM loader (Playwright's specs reach the catalog through lib/design) needs them.
import enClusters from "./messages/en/clusters.json" with { type: "json" };
import enCommon from "./messages/en/common.json" with { type: "json" };
import enConsole from "./messages/en/console.json" with { type: "json" };
import enErrors from "./messages/en/errors.json" with { type: "json" };
import enInventory from "./messages/en/inventory.json" with { type: "json" };
import enJobs from "./messages/en/jobs.json" with { type: "json" };
import enLint from "./messages/en/lint.json" with { type: "json" };
import enPeople from "./messages/en/people.json" with { type: "json" };
import enShell from "./messages/en/shell.json" with { type: "json" };
import enTopology from "./messages/en/topology.json" with { type: "json" };
import enReconcile from "./messages/en/reconcile.json" with { type: "json" };
import enUpgrade from "./messages/en/upgrade.json" with { type: "json" };
import enScale from "./messages/en/scale.json" with { type: "json" };
import enDrift from "./messages/en/drift.json" with { type: "json" };
import enLifecycle from "./messages/en/lifecycle.json" with { type: "json" };
import enApidocs from "./messages/en/apidocs.json" with { type: "json" };
import enSso from "./messages/en/sso.json" with { type: "json" };
import enAccess from "./messages/en/access.json" with { type: "json" };
import zhClusters from "./messages/zh-CN/clusters.json" with { type: "json" };
import zhCommon from "./messages/zh-CN/common.json" with { type: "json" };
import zhConsole from "./messages/zh-CN/console.json" with { type: "json" };
import zhErrors from "./messages/zh-CN/errors.json" with { type: "json" };
import zhInventory from "./messages/zh-CN/inventory.json" with { type: "json" };
import zhJobs from "./messages/zh-CN/jobs.json" with { type: "json" };
import zhLint from "./messages/zh-CN/lint.json" with { type: "json" };
import zhPeople from "./messages/zh-CN/people.json" with { type: "json" };
import zhShell from "./messages/zh-CN/shell.json" with { type: "json" };
import zhTopology from "./messages/zh-CN/topology.json" with { type: "json" };
import zhReconcile from "./messages/zh-CN/reconcile.json" with { type: "json" };
import zhUpgrade from "./messages/zh-CN/upgrade.json" with { type: "json" };
import zhScale from "./messages/zh-CN/scale.json" with { type: "json" };
import zhDrift from "./messages/zh-CN/drift.json" with { type: "json" };
import zhLifecycle from "./messages/zh-CN/lifecycle.json" with { type: "json" };
import zhApidocs from "./messages/zh-CN/apidocs.json" with { type: "json" };
import zhSso from "./messages/zh-CN/sso.json" with { type: "json" };
import zhAccess from "./messages/zh-CN/access.json" with { type: "json" };

// One file per domain and language, so the domains are translated side by side; each file's top-level keys are its
// namespaces, and no namespace may live in two files (catalog.test.ts checks, since a spread would hide it).
export const CATALOG_FILES = {
  en: {
    shell: enShell,
    common: enCommon,
    inventory: enInventory,
    people: enPeople,
    clusters: enClusters,
    lint: enLint,
    jobs: enJobs,
    topology: enTopology,
    console: enConsole,
    reconcile: enReconcile,
    upgrade: enUpgrade,
    scale: enScale,
    drift: enDrift,
    lifecycle: enLifecycle,
    access: enAccess,
    sso: enSso,
    apidocs: enApidocs,
    errors: enErrors,
  },
  "zh-CN": {
    shell: zhShell,
    common: zhCommon,
    inventory: zhInventory,
    people: zhPeople,
    clusters: zhClusters,
    lint: zhLint,
    jobs: zhJobs,
    topology: zhTopology,
    console: zhConsole,
    reconcile: zhReconcile,
    upgrade: zhUpgrade,
    scale: zhScale,
    drift: zhDrift,
    lifecycle: zhLifecycle,
    access: zhAccess,
    sso: zhSso,
    apidocs: zhApidocs,
    errors: zhErrors,
  },
} as const;

const merge = <T extends Record<string, object>>(files: T) => Object.assign({}, ...Object.values(files)) as UnionToIntersection<T[keyof T]>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

const en = merge(CATALOG_FILES.en);

/** English is the reference catalog: its shape is the type every other catalog must have (catalog.test.ts checks). */
export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, "zh-CN": merge(CATALOG_FILES["zh-CN"]) as Messages };
