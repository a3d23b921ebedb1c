import { z } from "zod";

// Runs in the browser before any of the app's modules. zod decides at schema construction whether
// to compile a fast path with `new Function`, probing for it first; the pages' CSP (no
// 'unsafe-eval') refuses the probe and reports a violation. Forms parse a handful of fields, so the
// browser goes without; the server, where API bodies are parsed, keeps the fast path.
z.config({ jitless: true });
