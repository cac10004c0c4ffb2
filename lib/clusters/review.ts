import {
  completeDraft,
  lintSpec,
  renderAllFiles,
  type ClusterDraft,
  type ClusterSpec,
  type Finding,
  type RenderedFile,
  type SpecError,
} from "../design";

export interface DraftReview {
  spec: ClusterSpec | null;
  specErrors: SpecError[];
  files: RenderedFile[];
  findings: Finding[];
}

/**
 * What the review step shows and what saving a revision checks: the completed spec, every file as it will be
 * written, and the lint findings. Pure, so the browser and the server compute exactly the same thing.
 */
export function reviewDraft(draft: ClusterDraft): DraftReview {
  const result = completeDraft(draft);
  if (!result.ok) return { spec: null, specErrors: result.errors, files: [], findings: [] };
  return { spec: result.spec, specErrors: [], files: renderAllFiles(result.spec), findings: lintSpec(result.spec) };
}
