import safeRegex from "safe-regex2";
import type { FieldError } from "@/lib/errors";

// An admin-defined payload schema is compiled once and run against every event
// of its type, so it must compile safely and validate in bounded time: no
// recursive or dangling $ref, no pattern that backtracks exponentially, and a
// bounded size. Checked before the schema is compiled or stored.

const MAX_NODES = 2_000;
const MAX_DEPTH = 32;

type Node = { value: unknown; path: string; depth: number };

const refTarget = (ref: string) => (ref === "#" ? "#" : ref.replace(/^#\/(\$defs|definitions)\//, "#/$defs/"));

/** `pathPrefix` names the request field the schema came from (app config schemas reuse these rules). */
export function vetPayloadSchema(schema: unknown, pathPrefix = "payloadSchema"): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.length < 10 && errors.push({ path: `${pathPrefix}${path}`, message });
  // Which definitions each definition (or the root, "#") refers to, to find cycles.
  const refs = new Map<string, Set<string>>();
  const defined = new Set<string>(["#"]);
  let nodes = 0;
  const stack: (Node & { owner: string })[] = [{ value: schema, path: "", depth: 0, owner: "#" }];
  while (stack.length) {
    const { value, path, depth, owner } = stack.pop()!;
    if (++nodes > MAX_NODES) {
      fail("", `has more than ${MAX_NODES} parts`);
      break;
    }
    if (depth > MAX_DEPTH) {
      fail(path, `nests deeper than ${MAX_DEPTH} levels`);
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}.${i}`, depth: depth + 1, owner }));
      continue;
    }
    if (!value || typeof value !== "object") continue;
    for (const [key, child] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (key === "$ref") {
        if (typeof child !== "string" || !/^#(\/(\$defs|definitions)\/[^/]+)?$/.test(child)) {
          fail(at, "only local references to #/$defs/<name> are supported");
        } else {
          const set = refs.get(owner) ?? new Set();
          set.add(refTarget(child));
          refs.set(owner, set);
        }
      } else if (key === "pattern" && typeof child === "string" && !isSafePattern(child)) {
        fail(at, "pattern is not a valid regular expression or can backtrack exponentially");
      } else if (key === "patternProperties" && child && typeof child === "object") {
        for (const p of Object.keys(child)) if (!isSafePattern(p)) fail(at, `pattern ${JSON.stringify(p.slice(0, 40))} is not a valid regular expression or can backtrack exponentially`);
      }
      if (key === "$defs" || key === "definitions") {
        if (child && typeof child === "object" && !Array.isArray(child)) {
          for (const [name, def] of Object.entries(child)) {
            defined.add(`#/$defs/${name}`);
            stack.push({ value: def, path: `${at}.${name}`, depth: depth + 2, owner: `#/$defs/${name}` });
          }
        }
      } else if (child && typeof child === "object") {
        stack.push({ value: child, path: at, depth: depth + 1, owner });
      }
    }
  }
  for (const targets of refs.values()) {
    for (const t of targets) if (!defined.has(t)) fail("", `$ref ${t} does not name a definition`);
  }
  const cycle = findCycle(refs);
  if (cycle) fail("", `recursive $ref (${cycle.join(" → ")}) is not supported`);
  return errors;
}

function isSafePattern(p: string): boolean {
  if (p.length > 500) return false;
  try {
    new RegExp(p, "u");
  } catch {
    return false;
  }
  return safeRegex(p);
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === "open") return [...trail.slice(trail.indexOf(n)), n];
    if (state.get(n) === "done") return null;
    state.set(n, "open");
    trail.push(n);
    for (const m of graph.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    trail.pop();
    state.set(n, "done");
    return null;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}
