import { and, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import {
  accounts,
  apiKeys,
  applications,
  events,
  integrations,
  invoices,
  oauthClients,
  payouts,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema";
import { effectiveStatus as invoiceStatus } from "@/lib/billing/invoices/effective-status";
import { formatCents } from "@/lib/billing/money";
import { effectiveStatus as keyStatus } from "@/lib/keys/to-dto";
import type { TicketLinkContext, TicketLinkType } from "./schemas";
import { orgKey, type RequesterOrg } from "./support-actor";

// What each kind of linkable object is, for support: who owns it, how it is labelled in the
// pickers, and the live context staff see on the ticket. One query per kind reads any number
// of objects (tickets batch their links by kind).

/** The organisations whose objects a query may return. */
export type OwnerScope = { partnerIds: string[]; accountIds: string[] };

export type LinkTarget = {
  type: TicketLinkType;
  id: string;
  /** orgKey()s of the organisations the object belongs to (an integration: its partner and its account). */
  owners: string[];
  createdAt: Date;
  label: string;
  description: string;
  context: (org: RequesterOrg) => TicketLinkContext;
};

export type LinkSource = {
  /** The scope a caller needs to see objects of this kind anywhere else in the API (and so to list or attach them). */
  readScope: string;
  /** The scope's objects of this kind; undefined when none of its organisations can own one. Checked beside `idIn` (a few ids). */
  owned(scope: OwnerScope): SQL | undefined;
  /** The same objects as `owned`, for a query with no ids to start from (the picker), when another form reads fewer rows there. */
  listed?(scope: OwnerScope): SQL | undefined;
  /** The label contains `pattern` (an ILIKE pattern). */
  labelLike(pattern: string): SQL;
  /** Objects matching `where`, newest first, at most `limit`. */
  fetch(db: Db, where: SQL, limit: number): Promise<LinkTarget[]>;
  idIn(ids: string[]): SQL;
};

type Tone = TicketLinkContext["tone"];

/** "2026-03-01 14:05 UTC": details are read by people. */
function utc(d: Date | string | null | undefined): string {
  if (!d) return "never";
  return `${new Date(d).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const partnerOwned = (col: Parameters<typeof inArray>[0]) => (s: OwnerScope) => (s.partnerIds.length ? inArray(col, s.partnerIds) : undefined);
const partnerKey = (id: string) => orgKey({ type: "partner", id });
const accountKey = (id: string) => orgKey({ type: "account", id });
const ctx = (label: string, status: string | null, tone: Tone, details: Record<string, string>, href: string | null): TicketLinkContext => ({
  label,
  status,
  tone,
  details,
  href,
});

const application: LinkSource = {
  readScope: "read:applications",
  owned: partnerOwned(applications.partnerId),
  labelLike: (p) => ilike(applications.name, p),
  idIn: (ids) => inArray(applications.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({ id: applications.id, partnerId: applications.partnerId, name: applications.name, slug: applications.slug, status: applications.status, createdAt: applications.createdAt })
      .from(applications)
      .where(where)
      .orderBy(desc(applications.createdAt), desc(applications.id))
      .limit(limit);
    return rows.map((r) => {
      const tone: Tone = r.status === "published" ? "ok" : r.status === "rejected" ? "error" : r.status === "deprecated" ? "warning" : "neutral";
      return {
        type: "application",
        id: r.id,
        owners: [partnerKey(r.partnerId)],
        createdAt: r.createdAt,
        label: r.name,
        description: `${r.status.replace("_", " ")} · ${r.slug}`,
        context: () => ctx(r.name, r.status, tone, { Slug: r.slug }, `/apps/${r.id}`),
      };
    });
  },
};

const key: LinkSource = {
  readScope: "read:keys",
  owned: partnerOwned(apiKeys.partnerId),
  labelLike: (p) => or(ilike(apiKeys.name, p), ilike(apiKeys.prefix, p))!,
  idIn: (ids) => inArray(apiKeys.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: apiKeys.id,
        partnerId: apiKeys.partnerId,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        last4: apiKeys.last4,
        status: apiKeys.status,
        expiresAt: apiKeys.expiresAt,
        graceEndsAt: apiKeys.graceEndsAt,
        lastUsedAt: apiKeys.lastUsedAt,
        createdAt: apiKeys.createdAt,
      })
      .from(apiKeys)
      .where(where)
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(limit);
    return rows.map((r) => {
      const status = keyStatus(r);
      const shown = `${r.prefix}…${r.last4}`;
      const tone: Tone = status === "active" ? "ok" : status === "expiring" ? "warning" : "error";
      return {
        type: "key",
        id: r.id,
        owners: [partnerKey(r.partnerId)],
        createdAt: r.createdAt,
        label: r.name,
        description: `${shown} · ${status}`,
        context: () => ctx(r.name, status, tone, { Prefix: shown, "Last used": utc(r.lastUsedAt) }, "/keys"),
      };
    });
  },
};

const oauthClient: LinkSource = {
  readScope: "read:applications",
  owned: partnerOwned(oauthClients.partnerId),
  labelLike: (p) => or(ilike(oauthClients.name, p), ilike(oauthClients.clientId, p))!,
  idIn: (ids) => inArray(oauthClients.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({ id: oauthClients.id, partnerId: oauthClients.partnerId, name: oauthClients.name, clientId: oauthClients.clientId, status: oauthClients.status, createdAt: oauthClients.createdAt })
      .from(oauthClients)
      .where(where)
      .orderBy(desc(oauthClients.createdAt), desc(oauthClients.id))
      .limit(limit);
    return rows.map((r) => ({
      type: "oauth_client",
      id: r.id,
      owners: [partnerKey(r.partnerId)],
      createdAt: r.createdAt,
      label: r.name,
      description: `${r.clientId} · ${r.status}`,
      context: () => ctx(r.name, r.status, r.status === "active" ? "ok" : "error", { "Client ID": r.clientId }, "/oauth-clients"),
    }));
  },
};

const webhookEndpoint: LinkSource = {
  readScope: "read:webhooks",
  owned: partnerOwned(webhookEndpoints.partnerId),
  labelLike: (p) => or(ilike(webhookEndpoints.url, p), ilike(webhookEndpoints.description, p))!,
  idIn: (ids) => inArray(webhookEndpoints.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: webhookEndpoints.id,
        partnerId: webhookEndpoints.partnerId,
        url: webhookEndpoints.url,
        status: webhookEndpoints.status,
        disabledReason: webhookEndpoints.disabledReason,
        failingSince: webhookEndpoints.failingSince,
        lastSuccessAt: webhookEndpoints.lastSuccessAt,
        createdAt: webhookEndpoints.createdAt,
      })
      .from(webhookEndpoints)
      .where(where)
      .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
      .limit(limit);
    return rows.map((r) => {
      const tone: Tone = r.status === "disabled" ? "error" : r.failingSince ? "warning" : "ok";
      const details: Record<string, string> = { "Last success": utc(r.lastSuccessAt) };
      if (r.disabledReason) details["Disabled because"] = r.disabledReason;
      if (r.failingSince) details["Failing since"] = utc(r.failingSince);
      return {
        type: "webhook_endpoint",
        id: r.id,
        owners: [partnerKey(r.partnerId)],
        createdAt: r.createdAt,
        label: r.url,
        description: r.status,
        context: () => ctx(r.url, r.status, tone, details, "/webhooks"),
      };
    });
  },
};

type LastAttempt = { status: number | null; error: string | null; at: string | null } | null;

const delivery: LinkSource = {
  readScope: "read:webhooks",
  // The delivery's own copy of its endpoint's partner (always equal to it), which webhook_deliveries_partner_idx covers.
  owned: partnerOwned(webhookDeliveries.partnerId),
  labelLike: (p) => or(ilike(webhookDeliveries.eventType, p), ilike(webhookEndpoints.url, p))!,
  idIn: (ids) => inArray(webhookDeliveries.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: webhookDeliveries.id,
        partnerId: webhookDeliveries.partnerId,
        url: webhookEndpoints.url,
        eventType: webhookDeliveries.eventType,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        lastResponseStatus: webhookDeliveries.lastResponseStatus,
        lastError: webhookDeliveries.lastError,
        createdAt: webhookDeliveries.createdAt,
        lastAttempt: sql<LastAttempt>`(select json_build_object('status', a.response_status, 'error', a.error, 'at', coalesce(a.finished_at, a.started_at)) from ${webhookAttempts} a where a.delivery_id = ${webhookDeliveries.id} order by a.attempt_number desc limit 1)`,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(limit);
    return rows.map((r) => {
      const last = typeof r.lastAttempt === "string" ? (JSON.parse(r.lastAttempt) as LastAttempt) : r.lastAttempt;
      const responseStatus = last?.status ?? r.lastResponseStatus;
      const error = last?.error ?? r.lastError;
      const tone: Tone = r.status === "succeeded" ? "ok" : r.status === "dead" ? "error" : r.status === "failed" ? "warning" : "neutral";
      const details: Record<string, string> = { "Event type": r.eventType, Endpoint: r.url, Attempts: String(r.attempts) };
      if (responseStatus !== null && responseStatus !== undefined) details["Last response"] = String(responseStatus);
      if (error) details["Last error"] = error.slice(0, 300);
      if (last?.at) details["Last attempt"] = utc(last.at);
      if (r.nextAttemptAt && r.status !== "succeeded" && r.status !== "dead") details["Next attempt"] = utc(r.nextAttemptAt);
      const label = `${r.eventType} → ${r.url}`;
      return {
        type: "delivery",
        id: r.id,
        owners: [partnerKey(r.partnerId)],
        createdAt: r.createdAt,
        label,
        description: `${r.status} · ${r.attempts} attempt${r.attempts === 1 ? "" : "s"} · ${utc(r.createdAt)}`,
        context: () => ctx(label, r.status, tone, details, "/webhooks"),
      };
    });
  },
};

const event: LinkSource = {
  readScope: "read:events",
  // Events addressed to the partner, or delivered to one of its endpoints (what GET /events shows it).
  // Beside a few ids, a check per event (webhook_deliveries_event_endpoint_uq serves the lookup).
  owned: (s) =>
    s.partnerIds.length
      ? or(
          inArray(events.partnerId, s.partnerIds),
          sql`exists (select 1 from ${webhookDeliveries} d where d.event_id = ${events.id} and d.partner_id in ${s.partnerIds})`,
        )
      : undefined,
  // With no ids, that OR walks every event on the platform until it finds the newest of the partner's
  // (all of them, for a partner with few); one id list from two index scans (events_partner_idx,
  // webhook_deliveries_partner_idx) costs what the partner's own events and deliveries do.
  listed: (s) =>
    s.partnerIds.length
      ? inArray(
          events.id,
          sql`(select e.id from ${events} e where e.partner_id in ${s.partnerIds} union all select d.event_id from ${webhookDeliveries} d where d.partner_id in ${s.partnerIds})`,
        )
      : undefined,
  labelLike: (p) => ilike(events.type, p),
  idIn: (ids) => inArray(events.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: events.id,
        type: events.type,
        partnerId: events.partnerId,
        createdAt: events.createdAt,
        // Qualified by hand: in a one-table select drizzle writes the column bare, and a bare "id" here would be d.id.
        deliveredTo: sql<string | null>`(select string_agg(distinct d.partner_id::text, ',') from ${webhookDeliveries} d where d.event_id = ${events}.id)`,
      })
      .from(events)
      .where(where)
      .orderBy(desc(events.createdAt), desc(events.id))
      .limit(limit);
    return rows.map((r) => {
      const partners = new Set([...(r.partnerId ? [r.partnerId] : []), ...(r.deliveredTo ? r.deliveredTo.split(",") : [])]);
      return {
        type: "event",
        id: r.id,
        owners: [...partners].map(partnerKey),
        createdAt: r.createdAt,
        label: r.type,
        description: utc(r.createdAt),
        context: () => ctx(r.type, null, "neutral", { Created: utc(r.createdAt) }, null),
      };
    });
  },
};

const integration: LinkSource = {
  readScope: "read:marketplace",
  // A partner's installs of its apps; a customer's own account's integrations.
  owned: (s) => {
    const parts = [
      ...(s.partnerIds.length ? [inArray(integrations.partnerId, s.partnerIds)] : []),
      ...(s.accountIds.length ? [inArray(integrations.accountId, s.accountIds)] : []),
    ];
    return parts.length ? or(...parts) : undefined;
  },
  labelLike: (p) => or(ilike(applications.name, p), ilike(accounts.name, p))!,
  idIn: (ids) => inArray(integrations.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: integrations.id,
        partnerId: integrations.partnerId,
        accountId: integrations.accountId,
        status: integrations.status,
        lastHealthStatus: integrations.lastHealthStatus,
        lastHealthCheckAt: integrations.lastHealthCheckAt,
        consecutiveFailures: integrations.consecutiveFailures,
        appName: applications.name,
        accountName: accounts.name,
        createdAt: integrations.createdAt,
      })
      .from(integrations)
      .innerJoin(applications, eq(applications.id, integrations.applicationId))
      .innerJoin(accounts, eq(accounts.id, integrations.accountId))
      .where(where)
      .orderBy(desc(integrations.createdAt), desc(integrations.id))
      .limit(limit);
    return rows.map((r) => {
      const tone: Tone = r.status === "active" ? "ok" : r.status === "degraded" ? "warning" : r.status === "failed" ? "error" : "neutral";
      const details: Record<string, string> = { App: r.appName, Account: r.accountName, "Last health check": utc(r.lastHealthCheckAt) };
      if (r.lastHealthStatus) details["Last health status"] = r.lastHealthStatus;
      if (r.consecutiveFailures) details["Failures in a row"] = String(r.consecutiveFailures);
      return {
        type: "integration",
        id: r.id,
        owners: [partnerKey(r.partnerId), accountKey(r.accountId)],
        createdAt: r.createdAt,
        label: `${r.appName} · ${r.accountName}`,
        description: r.status,
        context: (org) =>
          ctx(`${r.appName} · ${r.accountName}`, r.status, tone, details, org.type === "partner" ? `/installs/${r.id}` : `/installed/${r.id}`),
      };
    });
  },
};

const invoice: LinkSource = {
  readScope: "read:billing",
  // Issued invoices only: a draft is not a document anyone was sent.
  owned: (s) => (s.partnerIds.length ? and(inArray(invoices.partnerId, s.partnerIds), sql`${invoices.status} <> 'draft'`) : undefined),
  labelLike: (p) => or(ilike(invoices.number, p), ilike(invoices.period, p))!,
  idIn: (ids) => inArray(invoices.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: invoices.id,
        partnerId: invoices.partnerId,
        number: invoices.number,
        period: invoices.period,
        status: invoiceStatus,
        totalCents: invoices.totalCents,
        currency: invoices.currency,
        dueAt: invoices.dueAt,
        createdAt: invoices.createdAt,
      })
      .from(invoices)
      .where(where)
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(limit);
    return rows.map((r) => {
      const total = formatCents(Number(r.totalCents), r.currency);
      const tone: Tone = r.status === "paid" ? "ok" : r.status === "overdue" ? "error" : "neutral";
      return {
        type: "invoice",
        id: r.id,
        owners: [partnerKey(r.partnerId)],
        createdAt: r.createdAt,
        label: r.number,
        description: `${r.period} · ${total} · ${r.status}`,
        context: () => ctx(r.number, r.status, tone, { Total: total, Period: r.period, Due: utc(r.dueAt) }, `/invoices/${r.id}`),
      };
    });
  },
};

const payout: LinkSource = {
  readScope: "read:billing",
  owned: partnerOwned(payouts.partnerId),
  labelLike: (p) => or(ilike(payouts.period, p), ilike(payouts.reference, p))!,
  idIn: (ids) => inArray(payouts.id, ids),
  async fetch(db, where, limit) {
    const rows = await db
      .select({
        id: payouts.id,
        partnerId: payouts.partnerId,
        period: payouts.period,
        status: payouts.status,
        amountCents: payouts.amountCents,
        currency: payouts.currency,
        failureReason: payouts.failureReason,
        createdAt: payouts.createdAt,
      })
      .from(payouts)
      .where(where)
      .orderBy(desc(payouts.createdAt), desc(payouts.id))
      .limit(limit);
    return rows.map((r) => {
      const amount = formatCents(Number(r.amountCents), r.currency);
      const tone: Tone = r.status === "paid" ? "ok" : r.status === "failed" ? "error" : "neutral";
      const details: Record<string, string> = { Amount: amount, Period: r.period };
      if (r.failureReason) details["Failure reason"] = r.failureReason;
      return {
        type: "payout",
        id: r.id,
        owners: [partnerKey(r.partnerId)],
        createdAt: r.createdAt,
        label: `Payout ${r.period}`,
        description: `${amount} · ${r.status}`,
        context: () => ctx(`Payout ${r.period}`, r.status, tone, details, `/payouts/${r.id}`),
      };
    });
  },
};

export const linkSources: Record<TicketLinkType, LinkSource> = {
  application,
  key,
  oauth_client: oauthClient,
  webhook_endpoint: webhookEndpoint,
  delivery,
  event,
  integration,
  invoice,
  payout,
};

export function scopeOf(orgs: RequesterOrg[]): OwnerScope {
  return {
    partnerIds: [...new Set(orgs.filter((o) => o.type === "partner").map((o) => o.id))],
    accountIds: [...new Set(orgs.filter((o) => o.type === "account").map((o) => o.id))],
  };
}
