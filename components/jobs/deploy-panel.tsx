"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DeploySource } from "@/lib/deploy/schema";
import { DEFAULT_NAMESERVER_JVM_OPTIONS } from "@/lib/nodes/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Table } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useMessage } from "../ui/use-message";
import { type DeployInput, type DeployPreview, fetchDeployPreview, jobKeys, startDeploy } from "./queries";
import { usePlannedJob } from "./use-planned-job";

type PlannedHost = DeployPreview["plan"]["hosts"][number];

/** The cluster page's Deploy button: shows the plan for review (what happens on which host), then starts the job. */
export function DeployPanel({ clusterId, revision }: { clusterId: string; revision: number }) {
  const t = useTranslations("jobs.deploy");
  const [open, setOpen] = useState(false);
  const [sourceKind, setSourceKind] = useState<DeploySource["kind"]>("upload");
  const [url, setUrl] = useState("");
  const [sha256, setSha256] = useState("");
  const [nameServerJvmOptions, setNameServerJvmOptions] = useState(DEFAULT_NAMESERVER_JVM_OPTIONS);
  // The request as it was when last planned: the job starts exactly what the plan on screen shows.
  const [reviewed, setReviewed] = useState<{ request: DeployInput; attempt: number } | null>(null);
  const { preview, plan, job, starting, confirm } = usePlannedJob({
    key: jobKeys.deployPreview(clusterId, reviewed?.request ?? null, reviewed?.attempt ?? 0),
    request: reviewed?.request ?? null,
    fetchPlan: fetchDeployPreview,
    createJob: startDeploy,
  });

  const review = () => {
    setOpen(true);
    job.reset();
    setReviewed((last) => ({
      request: {
        clusterId,
        revision,
        source: sourceKind === "upload" ? { kind: "upload" } : { kind: "url", url, sha256 },
        nameServerJvmOptions,
      },
      attempt: (last?.attempt ?? 0) + 1,
    }));
  };
  const busy = preview.isFetching || starting;
  const error = job.error ?? preview.error;

  if (!open) {
    return (
      <Button onClick={review} disabled={busy}>
        {t("open")}
      </Button>
    );
  }
  return (
    <section aria-label={t("region")} className="w-full">
      <Card
        title={t("title", { revision: String(revision) })}
        actions={
          <Button variant="ghost" onClick={() => setOpen(false)}>
            {t("close")}
          </Button>
        }
      >
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label={t("source")}
            name="deploy-source"
            value={sourceKind}
            onValue={(kind) => setSourceKind(kind as DeploySource["kind"])}
          >
            <option value="upload">{t("sourceUpload")}</option>
            <option value="url">{t("sourceUrl")}</option>
          </SelectField>
          {sourceKind === "url" && (
            <>
              <TextField label={t("url")} name="deploy-url" value={url} onValue={setUrl} />
              <TextField label={t("sha256")} name="deploy-sha256" value={sha256} onValue={setSha256} />
            </>
          )}
          <TextField
            label={t("nameServerJvmOptions")}
            name="deploy-namesrv-jvm"
            hint={t("nameServerJvmOptionsHint")}
            value={nameServerJvmOptions}
            onValue={setNameServerJvmOptions}
          />
        </div>
        <div className="mt-3 flex gap-2">
          <Button variant="secondary" onClick={review} disabled={busy}>
            {t("update")}
          </Button>
          <Button onClick={confirm} disabled={busy || !plan}>
            {t("start")}
          </Button>
        </div>
        {error && (
          <div className="mt-3">
            <Alert>{error.message}</Alert>
          </div>
        )}
        {plan && <PlanReview plan={plan.plan} />}
      </Card>
    </section>
  );
}

function PlanReview({ plan }: { plan: DeployPreview["plan"] }) {
  const t = useTranslations("jobs.deploy");
  const say = useMessage();
  const stages = new Set(plan.steps.map((s) => s.stage)).size;
  return (
    <div className="mt-4 space-y-2">
      <p className="text-sm text-slate-600">{t("summary", { steps: String(plan.steps.length), stages: String(stages) })}</p>
      <Table<PlannedHost>
        label={t("planLabel")}
        rows={plan.hosts}
        rowKey={(host) => host.hostId}
        columns={[
          {
            key: "host",
            header: t("columns.host"),
            value: (host) => host.hostName,
            render: (host) => (
              <>
                <span className="font-medium">{host.hostName}</span>
                <br />
                <span className="font-mono text-xs text-slate-500">{host.address}</span>
              </>
            ),
          },
          {
            key: "processes",
            header: t("columns.processes"),
            value: (host) => host.nodes.map((n) => n.label).join(", "),
            render: (host) =>
              host.nodes.map((n) => (
                <div key={n.confPath}>
                  {n.label} <span className="text-xs text-slate-500">{t("ports", { ports: n.ports.join(", ") })}</span>
                </div>
              )),
          },
          {
            key: "actions",
            header: t("columns.actions"),
            value: (host) => host.actionMessages.map(say).join("; "),
            render: (host) => (
              <ol className="list-decimal pl-4 text-xs text-slate-700">
                {host.actions.map((english, i) => (
                  <li key={english}>{say(host.actionMessages[i])}</li>
                ))}
              </ol>
            ),
          },
        ]}
      />
    </div>
  );
}
