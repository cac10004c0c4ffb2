"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { importBrokerConfs, lintImport, type HostSnapshot } from "@/lib/design";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/page-header";
import { FindingsTable } from "./findings-table";
import { importCluster } from "./queries";

interface ConfFile {
  fileName: string;
  text: string;
  hostAddress: string;
}

const blank = (n: number): ConfFile => ({ fileName: `broker-n${n}.conf`, text: "", hostAddress: "" });

export function ImportConfs({ hosts }: { hosts: HostSnapshot[] }) {
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
      <Card title="Files">
        <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
          <label>
            Upload .conf files{" "}
            <input
              type="file"
              multiple
              accept=".conf,.properties,text/plain"
              onChange={(e) => upload(e.target.files)}
              aria-label="Upload broker conf files"
            />
          </label>
          <label>
            RocketMQ version{" "}
            <select
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              className="rounded border border-slate-300 px-1 py-1"
              aria-label="RocketMQ version of the files"
            >
              {ROCKETMQ_VERSIONS.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
          <Button variant="secondary" onClick={() => setFiles([...files, blank(files.length)])}>
            + Paste another file
          </Button>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          {files.map((file, i) => (
            <div key={i} className="space-y-1 rounded border border-slate-200 p-2">
              <div className="flex gap-2">
                <input
                  aria-label={`File name ${i + 1}`}
                  value={file.fileName}
                  onChange={(e) => setFile(i, { fileName: e.target.value })}
                  className="flex-1 rounded border border-slate-300 px-1.5 py-1 font-mono text-xs"
                />
                <input
                  aria-label={`Host address of file ${i + 1}`}
                  placeholder="host address (default: brokerIP1)"
                  value={file.hostAddress}
                  onChange={(e) => setFile(i, { hostAddress: e.target.value })}
                  className="flex-1 rounded border border-slate-300 px-1.5 py-1 font-mono text-xs"
                />
              </div>
              <textarea
                aria-label={`Contents of file ${i + 1}`}
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
        <Card title="What the linter finds">
          {result.problems.length > 0 && (
            <ul className="mb-3 list-disc pl-5 text-sm text-amber-900">
              {result.problems.map((p, i) => (
                <li key={i}>
                  {p.file}
                  {p.line ? ` line ${p.line}` : ""}: {p.message}
                </li>
              ))}
            </ul>
          )}
          <FindingsTable findings={findings} />
        </Card>
      )}
      <Card title="Create a cluster from these files">
        <div className="flex items-center gap-2">
          <input
            aria-label="New cluster name"
            placeholder="Cluster name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
          <Button disabled={!name.trim() || input.length === 0 || create.isPending} onClick={() => create.mutate()}>
            Create cluster draft
          </Button>
        </div>
        <p className="mt-2 text-xs text-slate-600">
          The draft opens in the wizard, where the findings above can be fixed before a revision is saved.
        </p>
        {create.error && <Alert>{create.error.message}</Alert>}
      </Card>
    </div>
  );
}
