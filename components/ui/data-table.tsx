"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useMemo, useState } from "react";

export interface Column<T> {
  key: string;
  header: string;
  /** The value sorted and filtered on, and shown when there is no `render`. */
  value: (row: T) => string | number | null | undefined;
  render?: (row: T) => ReactNode;
  /** Classes for the column's header and cells, such as a width. */
  className?: string;
}

interface TableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  testId?: string;
  /** data-* attributes of each row, for whoever follows one row (a step, a finding). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  /** The one row shown when there are none; without it, an empty body. */
  emptyText?: string;
  /** Makes the headers buttons that sort by their column. */
  sort?: { key: string; direction: 1 | -1; toggle: (key: string) => void };
}

/** Rows in the order given: the table under DataTable, and on its own for plans, whose order is the point. */
export function Table<T>({ rows, columns, rowKey, label, testId, rowData, emptyText, sort }: TableProps<T>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label} data-testid={testId}>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort ? (sort.key === c.key ? (sort.direction === 1 ? "ascending" : "descending") : "none") : undefined}
                className={`px-3 py-2 text-left font-medium text-slate-600 ${c.className ?? ""}`}
              >
                {sort ? (
                  <button type="button" onClick={() => sort.toggle(c.key)} className="inline-flex items-center gap-1 hover:text-slate-900">
                    {c.header}
                    <span aria-hidden className="text-xs">
                      {sort.key === c.key ? (sort.direction === 1 ? "▲" : "▼") : ""}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50" {...rowData?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={`px-3 py-2 align-top ${c.className ?? ""}`}>
                  {c.render ? c.render(row) : (c.value(row) ?? "—")}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && emptyText && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  emptyText?: string;
  toolbar?: ReactNode;
}

/** A list with a text filter over every column and click-to-sort headers. */
export function DataTable<T>({ rows, columns, rowKey, label, emptyText, toolbar }: DataTableProps<T>) {
  const t = useTranslations("common.table");
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ key: string; direction: 1 | -1 }>({ key: columns[0].key, direction: 1 });

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const column = columns.find((c) => c.key === sort.key) ?? columns[0];
    return rows
      .filter(
        (row) =>
          !needle ||
          columns.some((c) =>
            String(c.value(row) ?? "")
              .toLowerCase()
              .includes(needle),
          ),
      )
      .sort((a, b) => compare(column.value(a), column.value(b)) * sort.direction);
  }, [rows, columns, filter, sort]);

  const toggle = (key: string) => setSort((s) => (s.key === key ? { key, direction: s.direction === 1 ? -1 : 1 } : { key, direction: 1 }));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label={t("filterLabel", { label })}
          placeholder={t("filter")}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
        />
        {toolbar}
        <span className="ml-auto text-xs text-slate-500">{t("count", { shown: visible.length, total: rows.length })}</span>
      </div>
      <Table
        rows={visible}
        columns={columns}
        rowKey={rowKey}
        label={label}
        emptyText={rows.length === 0 ? (emptyText ?? t("empty")) : t("noMatch")}
        sort={{ ...sort, toggle }}
      />
    </div>
  );
}

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
