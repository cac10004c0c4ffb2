import fs from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";
import { createCredential, loadCredentialSecret } from "./credentials";
import { createDatacenter, deleteDatacenter } from "./datacenters";
import { createHost, updateHost } from "./hosts";
import { hostSchema } from "./schema";

let actor: { id: string; username: string };

describe("inventory", () => {
  beforeAll(async () => {
    await useFreshDatabase("rmq_inventory");
    const user = await db.user.create({ data: { username: "inv-admin", passwordHash: "x", role: "admin" } });
    actor = { id: user.id, username: user.username };
  });

  it("stores a private key only as ciphertext, and reads it back for SSH", async () => {
    const privateKey = fs.readFileSync(inject("labHosts")[0].privateKeyPath, "utf8").trim();
    const credential = await createCredential(actor, { kind: "ssh_key", name: "lab", privateKey });
    expect(credential.publicKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const row = await db.credential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(row.secretCiphertext).not.toContain("PRIVATE KEY");
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain("PRIVATE KEY");
    expect(await loadCredentialSecret(credential.id)).toMatchObject({ kind: "ssh_key", privateKey: `${privateKey}\n` });
  });

  it("refuses a key that cannot be read, saying why", async () => {
    await expect(
      createCredential(actor, {
        kind: "ssh_key",
        name: "broken",
        privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----",
      }),
    ).rejects.toThrow(/The private key could not be read/);
    expect(await db.credential.count({ where: { name: "broken" } })).toBe(0);
  });

  it("forgets a pinned host key when the host's address changes, and audits before/after", async () => {
    const dc = await createDatacenter(actor, { name: "Suzhou", code: "suzhou", description: "" });
    const input = hostSchema.parse({
      name: "sz-1",
      address: "10.77.0.11",
      sshPort: 22,
      sshUser: "root",
      datacenterId: dc.id,
      credentialId: null,
      labels: ["rack=a"],
    });
    const host = await createHost(actor, input);
    await db.host.update({ where: { id: host.id }, data: { hostKeyFingerprint: "SHA256:abc" } });
    const renamed = await updateHost(actor, host.id, { ...input, labels: ["rack=b"] });
    expect(renamed.hostKeyFingerprint).toBe("SHA256:abc");
    const moved = await updateHost(actor, host.id, { ...input, address: "10.77.0.12" });
    expect(moved.hostKeyFingerprint).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "host.update", targetId: host.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.before).toMatchObject({ address: "10.77.0.11", hostKeyFingerprint: "SHA256:abc" });
    expect(audit.after).toMatchObject({ address: "10.77.0.12", hostKeyFingerprint: null });
    await expect(deleteDatacenter(actor, dc.id)).rejects.toThrow(/still has 1 host/);
  });

  it("rejects shell metacharacters and out-of-range ports in host input", () => {
    const result = hostSchema.safeParse({ name: ";rm -rf /", address: "$(reboot)", sshPort: 70000, sshUser: "root", datacenterId: "x" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["name", "address", "sshPort"]));
  });
});
