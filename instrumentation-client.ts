import { z } from "zod";

// Runs in the browser before the app's own modules. zod compiles object parsers with `new Function` when eval is
// allowed and probes for it once; the page CSP (proxy.ts) forbids eval, so the probe is reported as a CSP violation
// even though zod catches it and falls back. Tell zod up front not to try.
z.config({ jitless: true });
