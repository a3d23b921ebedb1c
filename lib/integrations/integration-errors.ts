import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationErrors, integrationHealthChecks } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/db/rows";
import { decodeCursor, encodeCursor, type Page, type PageQuery } from "@/lib/pagination/cursor";
import { loadIntegration } from "./integration-item";
import { IntegrationError } from "./schemas";

// GET /integrations/{id}/errors: failed health checks and failed API requests made with the
// integration's tokens (sampled: see integration-meter.ts), merged newest first in one keyset
// query over both tables.

type Row = { id: string; source: "api" | "health_check"; code: string; message: string; occurred_at: string | Date; request_id: string | null; http_status: number | null };

export async function listIntegrationErrors(db: Db, principal: Principal, id: string, q: PageQuery): Promise<Page<IntegrationError>> {
  const l = await loadIntegration(db, principal, id);
  const c = q.cursor ? decodeCursor(q.cursor) : null;
  const after = c ? sql`where (e.occurred_at, e.id) < (${c.t}::timestamptz, ${c.id}::uuid)` : sql``;
  const result = await db.execute(sql`
    select * from (
      select id, 'api' as source, code, message, occurred_at, details->>'requestId' as request_id,
        (details->>'status')::int as http_status
      from ${integrationErrors} where integration_id = ${l.row.id}
      union all
      select id, 'health_check', 'HEALTH_CHECK_FAILED',
        coalesce(nullif(error, ''), case when http_status is not null then 'The health check answered HTTP ' || http_status else 'The health check failed' end),
        checked_at, null, http_status
      from ${integrationHealthChecks} where integration_id = ${l.row.id} and not healthy
    ) e
    ${after}
    order by e.occurred_at desc, e.id desc
    limit ${q.limit + 1}`);
  const rows = rowsOf<Row>(result).map((r) => ({ ...r, occurredAt: new Date(r.occurred_at) }));
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map((r) =>
      IntegrationError.parse({
        id: r.id,
        source: r.source,
        code: r.code,
        message: r.message,
        occurredAt: r.occurredAt.toISOString(),
        ...(r.request_id ? { requestId: r.request_id } : {}),
        httpStatus: r.http_status === null ? null : Number(r.http_status),
      }),
    ),
    nextCursor: more && last ? encodeCursor(last.occurredAt, last.id) : null,
  };
}
