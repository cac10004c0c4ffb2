import type { HostWithRelations } from "@/lib/inventory/hosts";
import type { Serialized } from "../api";

export type HostRow = Serialized<HostWithRelations>;
