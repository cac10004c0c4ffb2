/** Collapses "//", "." and "..", and drops a trailing "/", so equal directories compare equal. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return (absolute ? "/" : "") + parts.join("/");
}

/** True when `inner` is `outer` or a directory below it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  const a = normalizePath(inner);
  const b = normalizePath(outer);
  return a === b || a.startsWith(b === "/" ? "/" : `${b}/`);
}

export function pathsOverlap(a: string, b: string): boolean {
  return isSameOrInside(a, b) || isSameOrInside(b, a);
}

/** Last path segment made safe for a file name: anything outside [A-Za-z0-9@._-] becomes "_". */
export function safeFileSegment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9@._-]/g, "_");
  return safe === "" || safe === "." || safe === ".." ? "_" : safe;
}
