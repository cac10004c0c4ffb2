/** Exit codes: scripts tell a refusal from a job that ran and failed. */
export const EXIT = { ok: 0, error: 1, usage: 2, jobFailed: 3 } as const;

/** A failure the CLI explains in one line (the API's own error text when the API refused). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
  }
}
