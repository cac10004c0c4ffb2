// POSIX shell quoting. Every remote command is built from an argv through here, never by
// pasting user data into a string: inside single quotes a POSIX shell interprets nothing,
// so the only character to handle is the single quote itself ('\'' closes, escapes, reopens).

// Words made only of these are left bare so logged commands stay readable. `=` is excluded
// (a bare `A=b` first word is an assignment), as are `~`, `*`, `?`, `[` and `{` (expansions).
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/** Quotes one argument for a POSIX shell. */
export function shellQuote(arg: string): string {
  // A NUL cannot be part of any argv on Unix; refusing beats silently truncating.
  if (arg.includes("\0")) throw new TypeError("A shell argument cannot contain a NUL byte.");
  if (SAFE_WORD.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Joins an argv into one shell command line. */
export function shellJoin(argv: readonly string[]): string {
  if (argv.length === 0) throw new TypeError("A command needs at least one word.");
  return argv.map(shellQuote).join(" ");
}

/** argv running a trusted bash script whose inputs travel as "$1", "$2"… (each word quoted by shellJoin). */
export function bash(script: string, args: readonly (string | number)[] = []): string[] {
  return ["bash", "-c", script, "bash", ...args.map(String)];
}
