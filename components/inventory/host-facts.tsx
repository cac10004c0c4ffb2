"use client";

import { hostFactsSchema } from "@/lib/inventory/facts-schema";
import { LocalTime } from "../ui/local-time";

const GiB = 1024 ** 3;

export function HostFactsView({ facts, gatheredAt }: { facts: unknown; gatheredAt: string }) {
  const parsed = hostFactsSchema.safeParse(facts);
  if (!parsed.success) return <p className="text-sm text-red-700">Stored facts have an unexpected shape; test the connection again.</p>;
  const f = parsed.data;
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm" data-testid="host-facts">
      <dt className="text-slate-500">Gathered</dt>
      <dd>
        <LocalTime at={gatheredAt} />
      </dd>
      <dt className="text-slate-500">OS</dt>
      <dd>{f.os.prettyName}</dd>
      <dt className="text-slate-500">Kernel</dt>
      <dd className="font-mono text-xs">{f.kernel}</dd>
      <dt className="text-slate-500">CPUs</dt>
      <dd>{f.cpuCount}</dd>
      <dt className="text-slate-500">Memory</dt>
      <dd>{(f.memoryBytes / GiB).toFixed(1)} GiB</dd>
      <dt className="text-slate-500">Free disk</dt>
      <dd>
        {(f.diskFreeBytes / GiB).toFixed(1)} GiB at <span className="font-mono">{f.diskPath}</span>
      </dd>
      <dt className="text-slate-500">Java</dt>
      <dd data-testid="fact-java">{f.java ? f.java.version : "no Java"}</dd>
      <dt className="text-slate-500">Listening TCP</dt>
      <dd className="font-mono text-xs">{f.listeningTcpPorts.length ? f.listeningTcpPorts.join(", ") : "none"}</dd>
    </dl>
  );
}
