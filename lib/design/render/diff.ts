export type LineOp = "equal" | "add" | "remove";

export interface DiffLine {
  op: LineOp;
  text: string;
  /** 1-based line numbers in the old and new text; absent on the side the line is not in. */
  oldLine?: number;
  newLine?: number;
}

export type FileChange = "added" | "removed" | "changed" | "unchanged";

export interface FileDiff {
  path: string;
  change: FileChange;
  added: number;
  removed: number;
  lines: DiffLine[];
}

// Config files are a few dozen lines; beyond this many LCS cells the middle is shown as replaced.
const MAX_LCS_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function lcsTable(a: string[], b: string[]): Uint32Array {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  return table;
}

/** Edit script of the middle part (after common prefix and suffix are trimmed), as ops on a and b. */
function middleOps(a: string[], b: string[]): LineOp[] {
  if (a.length * b.length > MAX_LCS_CELLS) return [...a.map((): LineOp => "remove"), ...b.map((): LineOp => "add")];
  const table = lcsTable(a, b);
  const width = b.length + 1;
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push("equal");
      i++;
      j++;
    } else if (i < a.length && (j === b.length || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      // On a tie, removals go first so a changed line reads "-old" then "+new".
      ops.push("remove");
      i++;
    } else {
      ops.push("add");
      j++;
    }
  }
  return ops;
}

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ops: LineOp[] = [
    ...Array<LineOp>(prefix).fill("equal"),
    ...middleOps(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...Array<LineOp>(suffix).fill("equal"),
  ];
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === "equal") lines.push({ op, text: a[i], oldLine: ++i, newLine: ++j });
    else if (op === "remove") lines.push({ op, text: a[i], oldLine: ++i });
    else lines.push({ op, text: b[j], newLine: ++j });
  }
  return lines;
}

interface FileLike {
  path: string;
  content: string;
}

function fileDiff(path: string, oldContent: string | undefined, newContent: string | undefined): FileDiff {
  const lines = diffLines(oldContent ?? "", newContent ?? "");
  const added = lines.filter((l) => l.op === "add").length;
  const removed = lines.filter((l) => l.op === "remove").length;
  const change: FileChange =
    oldContent === undefined ? "added" : newContent === undefined ? "removed" : oldContent === newContent ? "unchanged" : "changed";
  return { path, change, added, removed, lines };
}

/** Per-file line diffs between two revisions' files: new files' order first, then files that went away. */
export function diffFiles(oldFiles: readonly FileLike[], newFiles: readonly FileLike[]): FileDiff[] {
  const oldByPath = new Map(oldFiles.map((f) => [f.path, f.content]));
  const newPaths = new Set(newFiles.map((f) => f.path));
  return [
    ...newFiles.map((f) => fileDiff(f.path, oldByPath.get(f.path), f.content)),
    ...oldFiles.filter((f) => !newPaths.has(f.path)).map((f) => fileDiff(f.path, f.content, undefined)),
  ];
}
