import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { errorTable, type ErrorCode } from "@/lib/errors";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorTable) as [ErrorCode, ...ErrorCode[]]),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const PageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

type OpInput = {
  summary: string;
  tags: string[];
  description?: string;
  scopes?: string[];
  admin?: boolean;
  public?: boolean;
  path?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: 200 | 201 | 202 | 204;
  /** Extra error statuses beyond the standard ones for authenticated routes. */
  errors?: number[];
  idempotent?: boolean;
};

const errorDescriptions: Record<number, string> = {
  400: "Malformed request (bad JSON, bad cursor)",
  401: "No or invalid credential",
  403: "Credential lacks the scope or role",
  404: "Not found, or not yours",
  409: "Conflicts with the current state",
  413: "Body larger than 1 MB",
  422: "Validation failed; `errors` names the fields",
  429: "Rate limited; see Retry-After",
};

/** One operation, with the standard error responses every /api/v1 route can give. */
export function op(i: OpInput): ZodOpenApiOperationObject {
  const status = i.status ?? 200;
  const responses: Record<string, unknown> = {
    [String(status)]: i.response
      ? { description: "Success", content: { "application/json": { schema: i.response } } }
      : { description: "Success" },
  };
  const errs = new Set<number>([400, ...(i.public ? [] : [401, 403, 429]), ...(i.path ? [404] : []), ...(i.body ? [413, 422] : []), ...(i.errors ?? [])]);
  for (const code of [...errs].sort()) {
    responses[String(code)] = {
      description: errorDescriptions[code] ?? "Error",
      content: { "application/problem+json": { schema: ProblemSchema } },
    };
  }
  const notes = [
    i.description,
    i.admin ? "Platform admins only." : undefined,
    i.scopes?.length ? `Scopes: ${i.scopes.map((s) => `\`${s}\``).join(", ")}.` : undefined,
  ].filter(Boolean);
  return {
    summary: i.summary,
    tags: i.tags,
    ...(notes.length ? { description: notes.join("\n\n") } : {}),
    ...(i.public ? { security: [] } : {}),
    requestParams: {
      ...(i.path ? { path: i.path } : {}),
      ...(i.query ? { query: i.query } : {}),
      ...(i.idempotent ?? !!i.body ? { header: z.object({ "Idempotency-Key": z.string().max(255).optional() }) } : {}),
    },
    ...(i.body ? { requestBody: { content: { "application/json": { schema: i.body } } } } : {}),
    responses: responses as unknown as ZodOpenApiResponsesObject,
  };
}
