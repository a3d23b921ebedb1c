import { Inngest } from "inngest";

// The Inngest client. Functions live in inngest/functions/<area>/ and are served at
// /api/inngest only when Inngest is configured (see lib/config.ts `jobs`); otherwise
// the embedded runner drives the same lib/* step functions from the database.
export const inngest = new Inngest({ id: "portico" });
