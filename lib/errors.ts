/**
 * An error whose message is written for the operator. Route handlers turn it into a JSON response;
 * anything else becomes a generic 500 so no stack trace reaches the browser.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
    readonly code: string = "bad_request",
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(`${what} was not found.`, 404, "not_found");
export const conflict = (message: string) => new AppError(message, 409, "conflict");
