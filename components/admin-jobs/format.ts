// How the admin jobs page words crons, durations and summaries.

const pad = (n: string) => n.padStart(2, "0");

/** "Every minute", "Daily at 03:17 UTC", … for the shapes the registry uses; the expression itself otherwise. */
export function describeCron(cron: string): string {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return cron;
  const [min, hour, dom, month, dow] = f;
  const rest = dom === "*" && month === "*" && dow === "*";
  if (cron.trim() === "* * * * *") return "Every minute";
  const every = /^\*\/(\d+)$/.exec(min);
  if (every && hour === "*" && rest) return `Every ${every[1]} minutes`;
  if (/^\d+$/.test(min) && hour === "*" && rest) return `Hourly at :${pad(min)}`;
  if (/^\d+$/.test(min) && /^\d+$/.test(hour)) {
    const at = `${pad(hour)}:${pad(min)} UTC`;
    if (rest) return `Daily at ${at}`;
    if (/^\d+$/.test(dom) && month === "*" && dow === "*") return `Monthly on day ${dom} at ${at}`;
  }
  return cron;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `{checked: 4, healthy: 3}` → "checked 4 · healthy 3". */
export function formatSummary(summary: Record<string, unknown> | null): string {
  if (!summary) return "—";
  const parts = Object.entries(summary).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(" · ") : "—";
}
