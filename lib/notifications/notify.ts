import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, integrations, mailMessages, notificationPreferences, notifications, partnerMembers, users } from "@/db/schema";
import { config } from "@/lib/config";
import { rowsOf } from "@/lib/db/rows";
import { nudgeMailSender } from "@/lib/mail/nudge-mail-sender";
import { renderNotificationMail } from "@/lib/mail/render-notification-mail";
import type { PartnerRole } from "@/lib/partners/schemas";
import { kindInfo, type NotificationKind } from "./kinds";

// The one way the platform tells people something: an in-app notification per
// recipient and, where their preference (or the kind's default) says so, a
// mail. Recipients are resolved, deduplicated and written in a single SQL
// statement, so it costs one round trip however many people are told, and it
// runs in the caller's transaction: a rolled-back change tells nobody.

export type Recipients =
  | { users: string[] }
  /** Members of a partner (all roles when omitted). */
  | { partner: string; roles?: PartnerRole[] }
  /** Members of a customer account. */
  | { account: string }
  /** Members of every account with the application installed now. */
  | { installersOf: string }
  /** Every platform admin. */
  | { staff: true };

export type NotifyInput = {
  kind: NotificationKind;
  to: Recipients | Recipients[];
  /** One line, plain text. */
  title: string;
  /** Plain text, short. */
  body?: string;
  /** App path the notification opens, e.g. /support/<id>. */
  link?: string;
  partnerId?: string | null;
  /** People never told about this one, e.g. the author of a comment. */
  exceptUserIds?: string[];
};

export type NotifyResult = { notified: number; mailed: number };

export async function notify(db: Db, input: NotifyInput): Promise<NotifyResult> {
  return notifyMany(db, [input]);
}

type SpecRow = { idx: number; type: "user" | "partner" | "account" | "installers" | "staff"; ref: string | null; roles: string[] | null };

function specRows(idx: number, to: Recipients | Recipients[]): SpecRow[] {
  const list = Array.isArray(to) ? to : [to];
  return list.flatMap((r): SpecRow[] => {
    if ("users" in r) return r.users.map((id) => ({ idx, type: "user", ref: id, roles: null }));
    if ("partner" in r) return [{ idx, type: "partner", ref: r.partner, roles: r.roles ?? null }];
    if ("account" in r) return [{ idx, type: "account", ref: r.account, roles: null }];
    if ("installersOf" in r) return [{ idx, type: "installers", ref: r.installersOf, roles: null }];
    return [{ idx, type: "staff", ref: null, roles: null }];
  });
}

/**
 * Many notifications at once (a month's invoices, say), each input resolved
 * to its own recipients exactly as notify() would: one statement writes every
 * in-app notification, and one more every mail, rendered once per input.
 */
export async function notifyMany(db: Db, inputs: NotifyInput[]): Promise<NotifyResult> {
  const specs = inputs.flatMap((n, idx) => specRows(idx, n.to));
  if (!specs.length) return { notified: 0, mailed: 0 };
  const notes = inputs.map((n, idx) => ({
    idx,
    kind: n.kind,
    title: n.title,
    body: n.body ?? "",
    link: n.link ?? null,
    partner_id: n.partnerId ?? null,
    except_ids: n.exceptUserIds ?? [],
    default_mail: kindInfo(n.kind).defaultMail,
  }));

  // `planned` draws each notification's id up front (a CTE with a volatile
  // function is evaluated once), so the mail rows can point at their notification.
  const result = await db.execute(sql`
    with note as (
      select * from jsonb_to_recordset(${JSON.stringify(notes)}::jsonb) as n(
        idx int, kind text, title text, body text, link text, partner_id uuid, except_ids uuid[], default_mail boolean)
    ), spec as (
      select * from jsonb_to_recordset(${JSON.stringify(specs)}::jsonb) as s(idx int, type text, ref uuid, roles text[])
    ), recipient as (
      select s.idx, s.ref as user_id from spec s where s.type = 'user'
      union
      select s.idx, pm.user_id from spec s join ${partnerMembers} pm on pm.partner_id = s.ref
        where s.type = 'partner' and (s.roles is null or pm.role::text = any(s.roles))
      union
      select s.idx, am.user_id from spec s join ${accountMembers} am on am.account_id = s.ref where s.type = 'account'
      union
      select s.idx, am.user_id from spec s
        join ${integrations} i on i.application_id = s.ref and i.uninstalled_at is null
        join ${accountMembers} am on am.account_id = i.account_id
        where s.type = 'installers'
      union
      select s.idx, u.id from spec s join ${users} u on u.is_platform_admin where s.type = 'staff'
    ), planned as (
      select gen_random_uuid() as id, r.idx, r.user_id, u.email, coalesce(np.mail, n.default_mail) as wants_mail
      from recipient r
      join note n on n.idx = r.idx
      join ${users} u on u.id = r.user_id
      left join ${notificationPreferences} np on np.user_id = r.user_id and np.kind = n.kind
      where not (r.user_id = any(n.except_ids))
    ), told as (
      insert into ${notifications} (id, user_id, partner_id, kind, title, body, link)
      select p.id, p.user_id, n.partner_id, n.kind, n.title, n.body, n.link from planned p join note n on n.idx = p.idx
      returning 1
    )
    select (select count(*) from told)::int as notified,
      (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'idx', p.idx, 'user_id', p.user_id, 'email', p.email)), '[]'::jsonb)
        from planned p where p.wants_mail) as mail_to`);
  const [row] = rowsOf<{ notified: number | string; mail_to: MailTo[] | string }>(result);
  const mailTo: MailTo[] = typeof row.mail_to === "string" ? JSON.parse(row.mail_to) : row.mail_to;
  const notified = Number(row.notified);
  if (!mailTo.length) return { notified, mailed: 0 };
  return { notified, mailed: await queueMail(db, inputs, mailTo) };
}

type MailTo = { id: string; idx: number; user_id: string; email: string };

/** The mail rows for the recipients who want mail: each input rendered once, however many people get it. */
async function queueMail(db: Db, inputs: NotifyInput[], mailTo: MailTo[]): Promise<number> {
  const c = config();
  const status = c.SMTP_URL ? "queued" : "outbox";
  const contents = [...new Set(mailTo.map((m) => m.idx))].map((idx) => {
    const mail = renderNotificationMail(inputs[idx], c.APP_URL);
    return { idx, kind: inputs[idx].kind, subject: mail.subject, text_body: mail.text, html_body: mail.html };
  });
  const inserted = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into ${mailMessages} (to_address, to_user_id, notification_id, kind, subject, text_body, html_body, status, next_attempt_at)
      select m.email, m.user_id, m.id, c.kind, c.subject, c.text_body, c.html_body, ${status},
        ${status === "queued" ? sql`now()` : sql`null`}
      from jsonb_to_recordset(${JSON.stringify(mailTo)}::jsonb) as m(id uuid, idx int, user_id uuid, email text)
      join jsonb_to_recordset(${JSON.stringify(contents)}::jsonb) as c(idx int, kind text, subject text, text_body text, html_body text)
        on c.idx = m.idx
      returning id`),
  );
  if (status === "queued") nudgeMailSender(inserted.map((r) => r.id));
  return inserted.length;
}
