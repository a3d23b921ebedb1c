import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

const apiRoot = path.join(process.cwd(), "app", "api", "v1");

/** Every route file under app/api/v1 as "METHOD /path/{param}". */
function routeOperations(dir = apiRoot, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("[...")) continue; // the catch-all 404
      const segment = entry.startsWith("[") ? `{${entry.slice(1, -1)}}` : entry;
      out.push(...routeOperations(full, `${prefix}/${segment}`));
    } else if (entry === "route.ts") {
      const source = readFileSync(full, "utf8");
      for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${prefix}`);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000") as unknown as { openapi: string; paths: Record<string, Record<string, unknown>> };

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
  });

  it("describes every route handler under /api/v1 (except the document itself)", () => {
    const ops = routeOperations().filter((o) => !o.endsWith("/openapi.json"));
    expect(ops.length).toBeGreaterThan(10);
    const missing = ops.filter((o) => {
      const [method, p] = o.split(" ");
      return !doc.paths[p]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it("documents problem+json errors and request bodies from the zod schemas", () => {
    const create = doc.paths["/partners"].post as any;
    expect(create.requestBody.content["application/json"].schema).toBeDefined();
    expect(create.responses["422"].content["application/problem+json"]).toBeDefined();
    expect(JSON.stringify(doc)).toContain('"#/components/schemas/Partner"');
  });
});
