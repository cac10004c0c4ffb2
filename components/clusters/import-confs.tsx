"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { importBrokerConfs, lintImport, type HostSnapshot } from "@/lib/design";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/page-header";
import { useMessage } from "../ui/use-message";
import { FindingsTable } from "./findings-table";
import { importCluster } from "./queries";

interface ConfFile {
  fileName: string;
  text: string;
  hostAddress: string;
}

const blank = (n: number): ConfFile => ({ fileName: `broker-n${n}.conf`, text: "", hostAddress: "" });

export function ImportConfs({ hosts }: { hosts: HostSnapshot[] }) {
  const t = useTranslations("importer");
  const render = useMessage();
  const router = useRouter();
  const [files, setFiles] = useState<ConfFile[]>([blank(0)]);
  const [version, setVersion] = useState<string>(ROCKETMQ_VERSIONS[0]);
  const [name, setName] = useState("");
  const input = files
    .filter((f) => f.text.trim())
    .map((f) => ({ fileName: f.fileName, text: f.text, hostAddress: f.hostAddress.trim() || undefined }));
  // Keyed on the content, not the array identity, which changes on every render.
  const inputKey = JSON.stringify(input);
  const result = useMemo(() => {
    const parsed = JSON.parse(inputKey) as typeof input;
    return parsed.length ? importBrokerConfs(parsed, { rocketmqVersion: version, hosts }) : null;
  }, [inputKey, version, hosts]);
  const findings = result ? lintImport(result) : [];
  const create = useMutation({
    mutationFn: () => importCluster({ name, rocketmqVersion: version, files: input }),
    onSuccess: (cluster) => router.push(`/clusters/${cluster.id}/wizard`),
  });
  const setFile = (i: number, patch: Partial<ConfFile>) => setFiles(files.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const upload = async (list: FileList | null) => {
    const read = await Promise.all(
      [...(list ?? [])].map(async (file) => ({ fileName: file.name, text: await file.text(), hostAddress: "" })),
    );
    setFiles([...files.filter((f) => f.text.trim()), ...read]);
  };

  return (
    <div className="space-y-5">
      <Card title={t("files")}>
        <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
          <label>
            {t("upload")}{" "}
            <input
              type="file"
              multiple
              accept=".conf,.properties,text/plain"
              onChange={(e) => upload(e.target.files)}
              aria-label={t("uploadLabel")}
            />
          </label>
          <label>
            {t("version")}{" "}
            <select
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              className="rounded border border-slate-300 px-1 py-1"
              aria-label={t("versionLabel")}
            >
              {ROCKETMQ_VERSIONS.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
          <Button variant="secondary" onClick={() => setFiles([...files, blank(files.length)])}>
            {t("addFile")}
          </Button>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          {files.map((file, i) => (
            <div key={i} className="space-y-1 rounded border border-slate-200 p-2">
              <div className="flex gap-2">
                <input
                  aria-label={t("fileName", { n: i + 1 })}
                  value={file.fileName}
                  onChange={(e) => setFile(i, { fileName: e.target.value })}
                  className="flex-1 rounded border border-slate-300 px-1.5 py-1 font-mono text-xs"
                />
                <input
                  aria-label={t("hostAddress", { n: i + 1 })}
                  placeholder={t("hostAddressPlaceholder")}
                  value={file.hostAddress}
                  onChange={(e) => setFile(i, { hostAddress: e.target.value })}
                  className="flex-1 rounded border border-slate-300 px-1.5 py-1 font-mono text-xs"
                />
              </div>
              <textarea
                aria-label={t("contents", { n: i + 1 })}
                rows={10}
                value={file.text}
                onChange={(e) => setFile(i, { text: e.target.value })}
                className="w-full rounded border border-slate-300 p-1.5 font-mono text-xs"
              />
            </div>
          ))}
        </div>
      </Card>
      {result && (
        <Card title={t("findings")}>
          {result.problems.length > 0 && (
            <ul className="mb-3 list-disc pl-5 text-sm text-amber-900">
              {result.problems.map((p, i) => (
                <li key={i}>
                  {p.line
                    ? t("problemAtLine", { file: p.file, line: String(p.line), problem: render(p.text) })
                    : t("problem", { file: p.file, problem: render(p.text) })}
                </li>
              ))}
            </ul>
          )}
          <FindingsTable findings={findings} />
        </Card>
      )}
      <Card title={t("create.title")}>
        <div className="flex items-center gap-2">
          <input
            aria-label={t("create.nameLabel")}
            placeholder={t("create.name")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
          <Button disabled={!name.trim() || input.length === 0 || create.isPending} onClick={() => create.mutate()}>
            {t("create.submit")}
          </Button>
        </div>
        <p className="mt-2 text-xs text-slate-600">{t("create.next")}</p>
        {create.error && <Alert>{create.error.message}</Alert>}
      </Card>
    </div>
  );
}
