"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DeployPlan } from "@/lib/deploy/plan";
import { DEFAULT_NAMESERVER_JVM_OPTIONS, type DeploySource } from "@/lib/deploy/schema";
import { api } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { Card } from "../ui/page-header";

interface Preview {
  revision: number;
  plan: DeployPlan;
}

/** The cluster page's Deploy button: shows the plan for review (what happens on which host), then starts the job. */
export function DeployPanel({ clusterId, revision }: { clusterId: string; revision: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [sourceKind, setSourceKind] = useState<DeploySource["kind"]>("upload");
  const [url, setUrl] = useState("");
  const [sha256, setSha256] = useState("");
  const [nameServerJvmOptions, setNameServerJvmOptions] = useState(DEFAULT_NAMESERVER_JVM_OPTIONS);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const request = () => ({
    clusterId,
    revision,
    source: sourceKind === "upload" ? { kind: "upload" as const } : { kind: "url" as const, url, sha256 },
    nameServerJvmOptions,
  });
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const review = () =>
    run(async () => {
      setOpen(true);
      setPreview(null);
      setPreview(await api<Preview>("/api/jobs/preview", { method: "POST", body: request() }));
    });
  const start = () =>
    run(async () => {
      const { jobId } = await api<{ jobId: string }>("/api/jobs", { method: "POST", body: { kind: "deploy", ...request() } });
      router.push(`/jobs/${jobId}`);
    });

  if (!open) {
    return (
      <Button onClick={review} disabled={busy}>
        Deploy
      </Button>
    );
  }
  return (
    <section aria-label="Deploy plan" className="w-full">
      <Card
        title={`Deploy revision #${revision}`}
        actions={
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Close
          </Button>
        }
      >
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Distribution" name="deploy-source">
            <select
              id="deploy-source"
              value={sourceKind}
              onChange={(e) => setSourceKind(e.target.value as DeploySource["kind"])}
              className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            >
              <option value="upload">Upload the panel&apos;s tarball (SFTP)</option>
              <option value="url">Hosts download it from a URL</option>
            </select>
          </Field>
          {sourceKind === "url" && (
            <>
              <Field label="Download URL" name="deploy-url">
                <TextInput name="deploy-url" value={url} onChange={(e) => setUrl(e.target.value)} />
              </Field>
              <Field label="SHA-256 of the tarball" name="deploy-sha256">
                <TextInput name="deploy-sha256" value={sha256} onChange={(e) => setSha256(e.target.value)} />
              </Field>
            </>
          )}
          <Field
            label="NameServer JVM options"
            name="deploy-namesrv-jvm"
            hint="JAVA_OPT_EXT of the NameServers; broker heaps come from the design."
          >
            <TextInput name="deploy-namesrv-jvm" value={nameServerJvmOptions} onChange={(e) => setNameServerJvmOptions(e.target.value)} />
          </Field>
        </div>
        <div className="mt-3 flex gap-2">
          <Button variant="secondary" onClick={review} disabled={busy}>
            Update plan
          </Button>
          <Button onClick={start} disabled={busy || !preview}>
            Start deployment
          </Button>
        </div>
        {error && (
          <div className="mt-3">
            <Alert>{error}</Alert>
          </div>
        )}
        {preview && <PlanReview plan={preview.plan} />}
      </Card>
    </section>
  );
}

function PlanReview({ plan }: { plan: DeployPlan }) {
  const stages = new Set(plan.steps.map((s) => s.stage)).size;
  return (
    <div className="mt-4 space-y-2">
      <p className="text-sm text-slate-600">
        {plan.steps.length} steps in {stages} stages: preflight, install, configure and start run on the hosts in parallel; NameServers
        start before brokers; the revision is marked deployed only after every node registered and each group agreed on one leader.
      </p>
      <table aria-label="Plan per host" className="w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-2 font-medium">Host</th>
            <th className="py-1 pr-2 font-medium">Processes</th>
            <th className="py-1 font-medium">What happens</th>
          </tr>
        </thead>
        <tbody>
          {plan.hosts.map((host) => (
            <tr key={host.hostId} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-2">
                <span className="font-medium">{host.hostName}</span>
                <br />
                <span className="font-mono text-xs text-slate-500">{host.address}</span>
              </td>
              <td className="py-1 pr-2">
                {host.nodes.map((n) => (
                  <div key={n.confPath}>
                    {n.label} <span className="text-xs text-slate-500">ports {n.ports.join(", ")}</span>
                  </div>
                ))}
              </td>
              <td className="py-1">
                <ol className="list-decimal pl-4 text-xs text-slate-700">
                  {host.actions.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
