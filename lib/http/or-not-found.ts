import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/**
 * A page's lookup of the row it shows: a row that does not exist is the 404 page (`await orNotFound(getJob(id))`);
 * any other failure goes on to the error boundary.
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
