import { getDb } from "@/db";
import { runProbes } from "@/lib/applications/check-runs";
import { inngest } from "../../client";
import { PROBES_REQUESTED, ProbesRequested } from "../../events";

/** The live endpoint probes of a submitted version, as a retried step; results land in its check rows. */
export const applicationProbes = inngest.createFunction(
  {
    id: "application-probes",
    triggers: [{ event: PROBES_REQUESTED }],
    // A re-run while one is going on probes the same URLs: one at a time per version.
    concurrency: [{ key: "event.data.versionId", limit: 1 }],
    retries: 2,
  },
  async ({ event, step }) => {
    const target = ProbesRequested.parse(event.data);
    const results = await step.run("probe", async () => runProbes(await getDb(), target));
    return { checks: results.map((r) => `${r.check}:${r.status}`) };
  },
);
