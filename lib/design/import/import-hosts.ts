import type { HostView } from "../model/node-view";
import { hostView } from "../model/node-view";
import type { HostSnapshot } from "../model/schema";

/** Datacenter given to hosts that are only known by an address from an imported file. */
export const UNASSIGNED_DATACENTER = "unassigned";

/**
 * Resolves addresses to hosts: an inventory host that owns the address when one is known,
 * otherwise a host made up from the address alone (id "address:<address>").
 */
export class HostResolver {
  private readonly byAddress = new Map<string, HostSnapshot>();
  private readonly used = new Map<string, HostSnapshot>();

  constructor(inventory: readonly HostSnapshot[]) {
    for (const host of inventory) {
      for (const address of [host.address, ...(host.addresses ?? [])]) {
        if (!this.byAddress.has(address)) this.byAddress.set(address, host);
      }
    }
  }

  resolve(address: string): HostSnapshot {
    const host = this.byAddress.get(address) ?? {
      id: `address:${address}`,
      name: address,
      address,
      datacenterId: UNASSIGNED_DATACENTER,
      datacenterCode: UNASSIGNED_DATACENTER,
    };
    this.byAddress.set(address, host);
    this.used.set(host.id, host);
    return host;
  }

  view(address: string): HostView {
    const view = hostView(this.resolve(address));
    // A made-up host has no datacenter; leave it out so datacenter rules do not compare "unassigned".
    return view.datacenterId === UNASSIGNED_DATACENTER ? { ...view, datacenterId: undefined, datacenterCode: undefined } : view;
  }

  /** Hosts that some imported node or NameServer runs on, in first-use order. */
  hosts(): HostSnapshot[] {
    return [...this.used.values()];
  }
}
