export { createCluster, createClusterFromImport, getCluster, listClusters, loadDraft, saveDraft } from "./clusters";
export { hostSnapshots } from "./hosts";
export { compareRevisions, findingList, getRevision, listRevisions, markDesired, saveRevision } from "./revisions";
export type { DraftReview } from "./review";
export { loadRevision, parseRevision, type Revision } from "./stored-revision";
export { createUpgradeRevision, upgradeClusterSchema } from "./upgrade";
export { rollbackTarget } from "./rollback";
