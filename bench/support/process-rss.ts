import { readdirSync, readFileSync } from "node:fs";

// Resident memory of a process and everything it started (Linux /proc), e.g.
// the server and anything it starts: the footprint is the tree's.

function parentOf(pid: number): number | null {
  try {
    // Fields after the command (which may hold spaces and parentheses) start past the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function rssKiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and every descendant of it that is alive now. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const walk = [root];
  while (walk.length) {
    const pid = walk.pop()!;
    tree.push(pid);
    walk.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Summed VmRSS of `root` and its descendants, in MiB. */
export function treeRssMiB(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + rssKiB(pid), 0) / 1024;
}

/** Samples the tree's RSS every `everyMs` until stopped; answers the peak and the last sample. */
export function sampleRss(root: number, everyMs = 250) {
  let peak = treeRssMiB(root);
  let last = peak;
  const timer = setInterval(() => {
    last = treeRssMiB(root);
    peak = Math.max(peak, last);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      last = treeRssMiB(root);
      peak = Math.max(peak, last);
      return { peakMiB: peak, lastMiB: last };
    },
  };
}
