import { useTranslations } from "next-intl";
import type { OpenApiDocument, Operation, Parameter } from "@/lib/http/openapi";

// The API's OpenAPI description as a page: operations grouped by tag, each with its method, path, role, parameters
// and schemas. Rendered on the server from the same document /api/openapi.json serves; <details> needs no script.

type Entry = { method: string; path: string; operation: Operation };

// A command line, the same in every language.
const CURL_EXAMPLE = 'curl -H "Authorization: Bearer $RMQ_PANEL_TOKEN" https://panel.example/api/clusters';

export function ApiDocs({ document }: { document: OpenApiDocument }) {
  const t = useTranslations("apidocs");
  const entries: Entry[] = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <p>{t("auth")}</p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{CURL_EXAMPLE}</pre>
        <p className="mt-2">{t("errors")}</p>
        <a href="/api/openapi.json" className="mt-2 inline-block text-indigo-700 underline" download="openapi.json">
          {t("download")}
        </a>
      </section>
      {document.tags.map(({ name }) => (
        <section key={name} aria-labelledby={`tag-${name}`}>
          <h2 id={`tag-${name}`} className="mb-2 text-base font-semibold">
            {name}
          </h2>
          <ul className="space-y-1">
            {entries
              .filter((entry) => entry.operation.tags.includes(name))
              .map((entry) => (
                <li key={entry.operation.operationId}>
                  <OperationDetails entry={entry} />
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const METHOD_COLOURS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800",
  POST: "bg-emerald-100 text-emerald-800",
  PUT: "bg-amber-100 text-amber-800",
  PATCH: "bg-amber-100 text-amber-800",
  DELETE: "bg-rose-100 text-rose-800",
};

function OperationDetails({ entry: { method, path, operation } }: { entry: Entry }) {
  const t = useTranslations("apidocs");
  const role = operation["x-required-role"];
  const body = operation.requestBody?.content["application/json"].schema;
  const answer = operation.responses["200"]?.content?.["application/json"].schema;
  return (
    <details className="rounded-md border border-slate-200 bg-white" data-testid="api-operation">
      <summary className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm">
        <span className={`w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ${METHOD_COLOURS[method] ?? ""}`}>
          {method}
        </span>
        <code className="font-mono">{path}</code>
        <span className="ml-auto text-xs text-slate-500">{role === "public" ? t("public") : t("role", { role })}</span>
      </summary>
      <div className="space-y-3 border-t border-slate-100 px-3 py-3 text-sm">
        <Parameters parameters={operation.parameters} />
        {body && <SchemaBlock title={t("body")} schema={body} />}
        {answer && <SchemaBlock title={t("response")} schema={answer} />}
      </div>
    </details>
  );
}

function Parameters({ parameters }: { parameters: Parameter[] }) {
  const t = useTranslations("apidocs");
  if (parameters.length === 0) return <p className="text-slate-500">{t("noParameters")}</p>;
  return (
    <table className="w-full text-left text-xs">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">{t("parameter")}</th>
          <th className="py-1 pr-3 font-medium">{t("in")}</th>
          <th className="py-1 pr-3 font-medium">{t("required")}</th>
          <th className="py-1 font-medium">{t("schema")}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => (
          <tr key={`${parameter.in}-${parameter.name}`} className="border-t border-slate-100 align-top">
            <td className="py-1 pr-3 font-mono">{parameter.name}</td>
            <td className="py-1 pr-3">{t(`location.${parameter.in}`)}</td>
            <td className="py-1 pr-3">{parameter.required ? t("yes") : t("no")}</td>
            <td className="py-1 font-mono">{JSON.stringify(parameter.schema)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SchemaBlock({ title, schema }: { title: string; schema: unknown }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-slate-500">{title}</h3>
      <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(schema, null, 2)}</pre>
    </div>
  );
}
