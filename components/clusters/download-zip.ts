import { strToU8, zipSync } from "fflate";
import type { RenderedFile } from "@/lib/design";

/** Builds the zip in the browser from the files already on screen, so the download is exactly what was reviewed. */
export function downloadFilesAsZip(files: RenderedFile[], name: string) {
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.path, strToU8(f.content)])));
  const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: "application/zip" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.zip`;
  link.click();
  URL.revokeObjectURL(url);
}
