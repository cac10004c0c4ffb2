import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { rekeyLabHost } from "../lib/testing/lab/hosts";
import { labHosts, withoutJava } from "./support/lab";
import { ADMIN, OPERATOR, signIn, signOut, tableRows, VIEWER } from "./support/panel";

test.describe.configure({ mode: "serial" });

async function addDatacenter(page: Page, name: string, code: string) {
  const form = page.getByRole("form", { name: "Add datacenter" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Code").fill(code);
  await form.getByRole("button", { name: "Add datacenter" }).click();
  await expect(page.getByRole("table", { name: "Datacenters" }).getByRole("cell", { name: code, exact: true })).toBeVisible();
}

async function addHost(page: Page, host: { name: string; address: string; datacenter: string; credential: string }) {
  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(host.name);
  await form.getByLabel("Address").fill(host.address);
  await form.getByLabel("Datacenter").selectOption({ label: host.datacenter });
  await form.getByLabel("Credential").selectOption({ label: host.credential });
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(page.getByRole("link", { name: host.name, exact: true })).toBeVisible();
}

async function testAndTrust(page: Page, hostName: string, expectedFingerprint: string) {
  await page.goto("/hosts");
  await page.getByRole("link", { name: hostName, exact: true }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog", { name: "Trust host key" });
  await expect(dialog.getByTestId("offered-fingerprint")).toHaveText(expectedFingerprint);
  await dialog.getByRole("button", { name: "Trust this host key" }).click();
  await expect(page.getByTestId("pinned-fingerprint")).toHaveText(expectedFingerprint);
  await expect(page.getByTestId("host-facts")).toBeVisible({ timeout: 30_000 });
}

test("the first visit creates the admin, and setup is refused afterwards", async ({ browser, request }) => {
  // The first admin often sets the panel up from a Chinese browser: the setup page speaks its language.
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "创建第一个管理员" })).toBeVisible();
  await page.getByLabel("用户名").fill(ADMIN.username);
  await page.getByLabel("密码").fill("short");
  await expect(page.getByText("密码至少需要 10 个字符。")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/screenshots/zh-CN-setup.png", fullPage: true });
  await page.getByLabel("密码").fill(ADMIN.password);
  await page.getByRole("button", { name: "创建管理员" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(ADMIN.username);

  const again = await request.post("/api/auth/setup", { data: { username: "intruder", password: "another-password" } });
  expect(again.status()).toBe(409);
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
  await context.close();
});

test("an admin signs in and creates the suzhou and shanghai datacenters", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/datacenters");
  await addDatacenter(page, "Suzhou", "suzhou");
  await addDatacenter(page, "Shanghai", "shanghai");
  await expect(tableRows(page, "Datacenters")).toHaveCount(2);
});

test("bad datacenter input gets a clear error and changes nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/datacenters");
  const form = page.getByRole("form", { name: "Add datacenter" });
  await form.getByRole("button", { name: "Add datacenter" }).click();
  await expect(form.getByText("Name is required.")).toBeVisible();
  await form.getByLabel("Name").fill("Beijing");
  await form.getByLabel("Code").fill("Bei Jing;");
  await form.getByRole("button", { name: "Add datacenter" }).click();
  await expect(form.getByText(/Code must be 2–32 lowercase letters/)).toBeVisible();
  await form.getByLabel("Code").fill("suzhou");
  await form.getByRole("button", { name: "Add datacenter" }).click();
  await expect(form.getByRole("alert").first()).toContainText('A datacenter with code "suzhou" already exists.');
  await page.reload();
  await expect(tableRows(page, "Datacenters")).toHaveCount(2);
});

test("an admin stores the lab's SSH key, encrypted and never shown again", async ({ page, request }) => {
  await signIn(page, ADMIN);
  await page.goto("/credentials");
  const form = page.getByRole("form", { name: "Add credential" });
  await form.getByLabel("Name").fill("lab-key");
  await form.getByLabel("Private key").fill(fs.readFileSync(labHosts()[0].privateKeyPath, "utf8"));
  await form.getByRole("button", { name: "Save credential" }).click();
  await expect(page.getByRole("table", { name: "Credentials" }).getByText(/^SHA256:/)).toBeVisible();
  const listed = await page.request.get("/api/credentials");
  expect(await listed.text()).not.toContain("PRIVATE KEY");
  expect((await request.get("/api/credentials")).status()).toBe(401);
});

test("bad host input gets a clear error and changes nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(";rm -rf /");
  await form.getByLabel("Address").fill("10.77.0.11");
  await form.getByLabel("SSH port").fill("70000");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByText(/Name may contain letters, digits/)).toBeVisible();
  await expect(form.getByText("SSH port must be between 1 and 65535.")).toBeVisible();
  await expect(form.getByText("Pick a datacenter.")).toBeVisible();

  // The server refuses the same input on its own, whatever the browser does.
  const response = await page.request.post("/api/hosts", {
    data: { name: ";rm -rf /", address: "10.77.0.11", sshPort: 70000, sshUser: "root", datacenterId: "x" },
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).fieldErrors).toMatchObject({
    name: [expect.stringContaining("Name may contain")],
    sshPort: ["SSH port must be between 1 and 65535."],
  });
  await page.reload();
  await expect(tableRows(page, "Hosts")).toHaveCount(1);
  await expect(tableRows(page, "Hosts")).toContainText("No hosts yet.");
});

test("an admin adds a lab host, tests the connection, trusts its key and sees its facts", async ({ page }) => {
  const [h1] = labHosts();
  await signIn(page, ADMIN);
  await addHost(page, { name: "sz-1", address: h1.address, datacenter: "suzhou", credential: "lab-key" });
  await testAndTrust(page, "sz-1", h1.hostKeyFingerprint);
  const facts = page.getByTestId("host-facts");
  await expect(facts).toContainText("Debian");
  await expect(page.getByTestId("fact-java")).toContainText("17");
  await page.screenshot({ path: test.info().outputPath("host-page.png"), fullPage: true });
  await page.screenshot({ path: "test-results/screenshots/host-page.png", fullPage: true });
});

test("a host without Java reports it in its facts", async ({ page }) => {
  const host = withoutJava();
  await signIn(page, ADMIN);
  await addHost(page, { name: "sh-nojava", address: host.address, datacenter: "shanghai", credential: "lab-key" });
  await testAndTrust(page, "sh-nojava", host.hostKeyFingerprint);
  await expect(page.getByTestId("fact-java")).toHaveText("no Java");
});

test("a host whose key changed is refused, naming both fingerprints, and the pin stays", async ({ page }) => {
  const [, h2] = labHosts();
  await signIn(page, ADMIN);
  await addHost(page, { name: "sz-2", address: h2.address, datacenter: "suzhou", credential: "lab-key" });
  await testAndTrust(page, "sz-2", h2.hostKeyFingerprint);
  // The machine behind sz-2 now presents another key (reinstalled, or someone in the middle).
  const newFingerprint = await rekeyLabHost(h2.name);
  await page.getByRole("button", { name: "Test connection" }).click();
  const error = page.getByRole("alert").filter({ hasText: "host key" });
  await expect(error).toContainText(h2.hostKeyFingerprint);
  await expect(error).toContainText(newFingerprint);
  await page.reload();
  await expect(page.getByTestId("pinned-fingerprint")).toHaveText(h2.hostKeyFingerprint);
});

test("users with other roles: a viewer cannot edit, an operator can test connections but not edit", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/users");
  for (const user of [
    { ...VIEWER, role: "viewer" },
    { ...OPERATOR, role: "operator" },
  ]) {
    const form = page.getByRole("form", { name: "Add user" });
    await form.getByLabel("Username").fill(user.username);
    await form.getByLabel("Password").fill(user.password);
    await form.getByLabel("Role").selectOption(user.role);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("table", { name: "Users" }).getByRole("cell", { name: user.username, exact: true })).toBeVisible();
  }
  await signOut(page);

  await signIn(page, VIEWER);
  await page.goto("/datacenters");
  await expect(page.getByRole("form", { name: "Add datacenter" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  const refused = await page.request.post("/api/datacenters", { data: { name: "X", code: "xx" } });
  expect(refused.status()).toBe(403);
  await page.goto("/hosts");
  await page.getByRole("link", { name: "sz-1", exact: true }).click();
  await expect(page.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await page.goto("/credentials");
  await expect(page).toHaveURL(/\/forbidden/);
  await signOut(page);

  await signIn(page, OPERATOR);
  await page.goto("/hosts");
  await expect(page.getByRole("form", { name: "Add host" })).toHaveCount(0);
  await page.getByRole("link", { name: "sz-1", exact: true }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Connected; facts gathered/)).toBeVisible({ timeout: 30_000 });
});

test("every change above is in the audit log with who and what", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto("/audit");
  const rows = tableRows(page, "Audit events");
  for (const action of [
    "setup.first_admin",
    "datacenter.create",
    "credential.create",
    "host.create",
    "host.trust_host_key",
    "user.create",
  ]) {
    await expect(rows.filter({ hasText: action }).first()).toBeVisible();
  }
  await expect(rows.filter({ hasText: "host.trust_host_key" }).first()).toContainText("admin");
});

test("every page has the panel's icon, served from public/ without a session", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const missing: string[] = [];
  page.on("response", (response) => response.status() === 404 && missing.push(response.url()));
  await signIn(page, ADMIN);
  await page.goto("/hosts");
  expect(missing).toEqual([]);
});
