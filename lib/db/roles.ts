import "server-only";
import pg from "pg";

/** The least-privilege role web and worker processes of the embedded server log in as. */
export const APP_ROLE = "rmq_panel_app";

// Schemas whose tables the app reads and writes: ours (Prisma's migrations) and pg-boss's queue.
const APP_SCHEMAS = ["public", "pgboss"];

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or brings back in line) a login role that is nothing but a login: not a superuser, cannot create
 * databases or roles, replicate or bypass row security. Run as a role that may create roles (the owner).
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    // password_encryption is scram-sha-256 on the embedded server, so the stored verifier is SCRAM.
    await client.query(`${rowCount ? "ALTER" : "CREATE"} ROLE ${client.escapeIdentifier(role)} WITH ${attributes}`);
  });
}

/**
 * Lets `role` use the database the URL names and read and write every table in it (no DDL, no TRUNCATE, nothing
 * on the migration history), now and for tables later migrations create (default privileges of the owner running
 * this). Idempotent; `npm start` runs it after every migration.
 */
export async function grantAppPrivileges(ownerUrl: string, role: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const who = client.escapeIdentifier(role);
    const { rows } = await client.query<{ db: string }>("SELECT current_database() AS db");
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${client.escapeIdentifier(rows[0].db)} TO ${who}`);
    // PostgreSQL 15+ already keeps PUBLIC from creating objects in public; older servers did not.
    await client.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    for (const schema of APP_SCHEMAS) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
      if (!rowCount) continue;
      const s = client.escapeIdentifier(schema);
      await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${who}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${who}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${who}`);
      await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${who}`);
      await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${who}`);
    }
    // The migration history is the migration runner's alone.
    await client.query(`REVOKE ALL ON TABLE "_prisma_migrations" FROM ${who}`).catch(() => undefined);
  });
}

/** The user name in a connection URL. */
export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);
