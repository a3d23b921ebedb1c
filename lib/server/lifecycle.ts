import { processState } from "@/lib/process-state";

// The process's phase and what must run when it stops. Shared through
// processState: the server entry (lib/server/main.ts, bundled apart from Next's
// code) and the app's modules (job runner, meters, database) see one registry.

export type Phase = "starting" | "ready" | "draining";

/** Stages run in order: `work` stops what takes new work (the job runner hands back its claims), `flush` writes what is held in memory, `close` releases connections. */
export type ShutdownStage = "work" | "flush" | "close";
const STAGES: ShutdownStage[] = ["work", "flush", "close"];

type Hook = { stage: ShutdownStage; name: string; run: () => Promise<unknown> | unknown };

const state = processState("lifecycle", () => ({
  phase: "starting" as Phase,
  hooks: [] as Hook[],
  /** Set by the server entry: it owns SIGTERM/SIGINT, so the app installs no handlers of its own. */
  serverManaged: false,
  shutdown: null as Promise<ShutdownReport> | null,
}));

export function lifecyclePhase(): Phase {
  return state.phase;
}

/** Start-up finished (database open and migrated, runner started). A draining process never becomes ready again. */
export function markReady(): void {
  if (state.phase === "starting") state.phase = "ready";
}

export function beginDraining(): void {
  state.phase = "draining";
}

export function isDraining(): boolean {
  return state.phase === "draining";
}

export function setServerManaged(): void {
  state.serverManaged = true;
}

export function isServerManaged(): boolean {
  return state.serverManaged;
}

/**
 * Registers work for the stop; returns a function that removes it. One hook per
 * stage and name: Next evaluates a module once per bundle, and a second
 * registration by another copy of the same module is ignored.
 */
export function onShutdown(stage: ShutdownStage, name: string, run: Hook["run"]): () => void {
  if (state.hooks.some((h) => h.stage === stage && h.name === name)) return () => {};
  const hook: Hook = { stage, name, run };
  state.hooks.push(hook);
  return () => {
    const i = state.hooks.indexOf(hook);
    if (i >= 0) state.hooks.splice(i, 1);
  };
}

export type ShutdownReport = { ok: boolean; failed: string[]; unfinished: string[] };

/** What `flush` and `close` keep of SHUTDOWN_TIMEOUT, however long `work` and the drain take: at most 3 s, a fifth of the total. */
function reserveFor(totalMs: number): number {
  return Math.min(3000, Math.floor(totalMs / 5));
}

/**
 * Runs the hooks stage by stage (a stage's hooks together). `alongsideWork`
 * (the HTTP drain) runs with the `work` stage: neither waits for the other.
 * `work` and the drain get until `deadline` minus a reserve; `flush` and
 * `close` run whatever happened before them (meters are written and the
 * database closed even when a request outlived the drain), each bounded by
 * `deadline`. `stages` runs only those. Once only: a second call gets the first one's report.
 */
export function runShutdown(opts: { deadline: number; alongsideWork?: (workDeadline: number) => Promise<void>; stages?: ShutdownStage[] }): Promise<ShutdownReport> {
  state.phase = "draining";
  state.shutdown ??= (async () => {
    const failed: string[] = [];
    const unfinished: string[] = [];
    const workDeadline = opts.deadline - reserveFor(opts.deadline - Date.now());
    for (const stage of opts.stages ?? STAGES) {
      const tasks: { name: string; done: Promise<unknown> }[] = state.hooks
        .filter((h) => h.stage === stage)
        .map((h) => ({ name: `${h.stage}:${h.name}`, done: Promise.resolve().then(h.run) }));
      if (stage === "work" && opts.alongsideWork) tasks.push({ name: "http:drain", done: opts.alongsideWork(workDeadline) });
      const settled = new Set<string>();
      const all = Promise.all(
        tasks.map((t) =>
          t.done.then(
            () => settled.add(t.name),
            (err: unknown) => {
              settled.add(t.name);
              failed.push(`${t.name}: ${err instanceof Error ? err.message : String(err)}`);
            },
          ),
        ),
      );
      const until = stage === "work" ? workDeadline : opts.deadline;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, until - Date.now()))))]);
      clearTimeout(timer);
      for (const t of tasks) if (!settled.has(t.name)) unfinished.push(t.name);
    }
    return { ok: failed.length === 0 && unfinished.length === 0, failed, unfinished };
  })();
  return state.shutdown;
}
