import type { ConnectionResult } from "@/lib/inventory/connection-types";
import type { listCredentials } from "@/lib/inventory/credentials";
import type { listDatacenters } from "@/lib/inventory/datacenters";
import type { HostWithRelations } from "@/lib/inventory/hosts";
import type { CredentialInput, DatacenterInput, HostInput } from "@/lib/inventory/schema";
import { api, type Serialized } from "../api";

// The inventory API as the browser calls it: datacenters, hosts (and their connection test) and credentials.

export type DatacenterRow = Serialized<Awaited<ReturnType<typeof listDatacenters>>[number]>;
export type HostRow = Serialized<HostWithRelations>;
export type CredentialRow = Serialized<Awaited<ReturnType<typeof listCredentials>>[number]>;

export const inventoryKeys = {
  datacenters: ["datacenters"] as const,
  /** Every host query: the list and each host's own. */
  hosts: ["hosts"] as const,
  host: (id: string) => ["hosts", id] as const,
  credentials: ["credentials"] as const,
};

export const fetchDatacenters = () => api<DatacenterRow[]>("/api/datacenters");
/** Creates a datacenter, or updates the one with `id`. */
export const saveDatacenter = (id: string | null, input: DatacenterInput) =>
  api<DatacenterRow>(id ? `/api/datacenters/${id}` : "/api/datacenters", { method: id ? "PUT" : "POST", body: input });
export const deleteDatacenter = (id: string) => api(`/api/datacenters/${id}`, { method: "DELETE" });

export const fetchHosts = () => api<HostRow[]>("/api/hosts");
export const fetchHost = (id: string) => api<HostRow>(`/api/hosts/${id}`);
/** Creates a host, or updates the one with `id`. */
export const saveHost = (id: string | null, input: HostInput) =>
  api<HostRow>(id ? `/api/hosts/${id}` : "/api/hosts", { method: id ? "PUT" : "POST", body: input });
export const testConnection = (id: string, diskPath: string) =>
  api<ConnectionResult>(`/api/hosts/${id}/test-connection`, { method: "POST", body: { diskPath } });
export const trustHostKey = (id: string, fingerprint: string) =>
  api(`/api/hosts/${id}/trust-host-key`, { method: "POST", body: { fingerprint } });

export const fetchCredentials = () => api<CredentialRow[]>("/api/credentials");
export const createCredential = (input: CredentialInput) => api("/api/credentials", { method: "POST", body: input });
export const deleteCredential = (id: string) => api(`/api/credentials/${id}`, { method: "DELETE" });
