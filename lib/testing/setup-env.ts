import { inject } from "vitest";

// Server code reads its database from the environment, as in production.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.RMQ_PANEL_SECRET ??= "test-master-secret-not-for-production-use-0123456789";
