// Shared with the error boundaries (client components), so no `server-only` and nothing else in here.

/**
 * The digest an error carries to the browser when it means "database unavailable". Next keeps an error's own
 * `digest` in production (it replaces only the message), so the error boundaries can tell this case apart.
 */
export const DATABASE_UNAVAILABLE_DIGEST = "RMQ_DATABASE_UNAVAILABLE";
