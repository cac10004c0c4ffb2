/**
 * The layer rules (ARCHITECTURE.md): arrows point down. `npm run lint:layers` checks them; `npm test` runs it first.
 *   app → components → lib;  e2e and scripts → lib;  inside lib, domains → the parts below them.
 * Type-only imports carry no code, so they may cross where a value import may not.
 */
const value = { dependencyTypesNot: ["type-only"] };

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle has no top or bottom floor. One closed only by a type import is harmless.",
      from: {},
      to: { circular: true, viaOnly: value },
    },
    {
      name: "lib-stays-below-the-ui",
      severity: "error",
      comment:
        "lib/ is what pages, route handlers, scripts and specs stand on; it never reaches back up to them (its tests may, " +
        "and the suites under testing/ that tests run).",
      from: { path: "^lib/", pathNot: "\\.test\\.ts$|^lib/[a-z]+/testing/[a-z-]+-suite\\.ts$" },
      to: { path: "^(app|components|e2e|scripts)/" },
    },
    {
      name: "components-below-app",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "tests-and-scripts-use-lib",
      severity: "error",
      comment: "Specs and command-line scripts share code through lib/ (lib/testing for test infrastructure), never with each other.",
      from: { path: "^e2e/" },
      to: { path: "^(scripts|app|components)/" },
    },
    {
      name: "scripts-use-lib",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: "^(e2e|app|components)/" },
    },
    {
      name: "browser-code-imports-no-server-code",
      severity: "error",
      comment: "Client components may take types from anywhere in lib, but code only from its pure, browser-safe modules.",
      from: { path: "^components/" },
      to: {
        path: "^lib/",
        pathNot:
          "^lib/(design/|topology/model|rocketmq/versions|[a-z]+/schema|auth/roles|i18n/(locales|message|translate|schema)|db/digest|deploy/plan|clusters/review|inventory/facts-schema|schema\\.ts$)",
        ...value,
      },
    },
    {
      name: "design-is-pure",
      severity: "error",
      comment: "The cluster design (model, generator, linter, importer) runs in the browser too: no I/O below it.",
      from: { path: "^lib/design/" },
      to: { path: "^lib/(db|ssh|jobs|nodes|deploy|operations|topology|inventory|http|auth|clusters|secrets|audit|console)/", ...value },
    },
    {
      name: "jobs-engine-knows-no-job-kinds",
      severity: "error",
      comment: "lib/jobs runs any job definition it is handed; the registry of kinds is lib/worker's.",
      from: { path: "^lib/jobs/" },
      to: { path: "^lib/(nodes|deploy|operations|topology|worker)/", ...value },
    },
    {
      name: "deploy-and-operations-side-by-side",
      severity: "error",
      comment:
        "The two job kinds share what they both need about a node's process through lib/nodes, never each other's modules " +
        "(their tests may: the operations suite deploys its cluster first).",
      from: { path: "^lib/(deploy|operations)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/(deploy|operations)/", pathNot: "^lib/$1/" },
    },
    {
      name: "http-above-the-domains",
      severity: "error",
      comment: "lib/http is the route layer (session, role, zod, errors as JSON): the domains below it never reach up to it.",
      from: {
        path: "^lib/(jobs|nodes|deploy|operations|topology|clusters|inventory|design|audit|db|ssh|rocketmq|secrets|console)/",
        pathNot: "\\.test\\.ts$",
      },
      to: { path: "^lib/http/" },
    },
    {
      name: "nodes-below-the-job-kinds",
      severity: "error",
      comment: "lib/nodes is what deploy and operations stand on (a node's layout, sessions, scripts): it knows neither, nor the worker.",
      from: { path: "^lib/nodes/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/(deploy|operations|worker)/" },
    },
    {
      name: "inventory-below-nodes",
      severity: "error",
      comment: "lib/nodes opens sessions with the inventory's credentials; the inventory (its connection test too) never reaches up.",
      from: { path: "^lib/inventory/" },
      to: { path: "^lib/(nodes|deploy|operations|worker)/" },
    },
    {
      name: "worker-is-the-top-of-lib",
      severity: "error",
      comment: "lib/worker puts the worker together from the domains; no domain depends on it.",
      from: { path: "^lib/", pathNot: "^lib/worker/|\\.test\\.ts$" },
      to: { path: "^lib/worker/" },
    },
    {
      name: "bottom-floor",
      severity: "error",
      comment: "SSH, the RocketMQ protocol, secrets and the database know no domain above them.",
      from: { path: "^lib/(ssh|rocketmq|secrets|db|errors|config)/", pathNot: "\\.test\\.ts$|^lib/rocketmq/testing/" },
      to: { path: "^lib/(auth|audit|inventory|clusters|jobs|nodes|deploy|operations|topology|http|design|console)/" },
    },
    {
      name: "topology-below-the-console",
      severity: "error",
      comment: "The console reads the live topology (who leads); the topology knows nothing of topics and groups.",
      from: { path: "^lib/(topology|clusters|inventory|nodes|deploy|operations|jobs)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/console/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|lib/db/generated|test-results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
