import "server-only";
import { AppError } from "../errors";
import { message } from "../i18n/message";

// Prisma's "transaction API error": the interactive transaction could not start within maxWait, or outlived its
// timeout and was rolled back. Either way nothing was committed, so running the callback again is safe.
const TRANSACTION_TIMEOUT = "P2028";

export const isTransactionTimeout = (error: unknown) => (error as { code?: unknown } | null)?.code === TRANSACTION_TIMEOUT;

/**
 * Runs an interactive transaction, once more if it timed out (a pool briefly starved under load), and turns a
 * second timeout into a 503 the client can retry, instead of a 500.
 */
export async function retryTransactionTimeout<T>(run: () => Promise<T>, log: (line: string) => void = console.warn): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isTransactionTimeout(error)) throw error;
    log(`[db] transaction timed out (${(error as Error).message.split("\n")[0]}); retrying once`);
  }
  try {
    return await run();
  } catch (error) {
    if (!isTransactionTimeout(error)) throw error;
    throw new AppError(message("errors.http.busy"), 503, "busy");
  }
}
