import { and, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { notifications, partners, supportTickets } from "@/db/schema";
import { scheduledJobs } from "@/lib/jobs/schedules";
import { addPartnerMember, createAccountWithMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { createStaff, openTicket, principalOf } from "@/lib/testing/support-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { closeResolvedTickets } from "./close-resolved-tickets";
import { openingSla } from "./sla";
import { markSlaBreaches } from "./mark-sla-breaches";
import { supportStats } from "./support-stats";
import type { TicketPriority } from "./schemas";
import { addComment } from "./ticket-comments";
import { getTicket } from "./ticket-read";
import { updateTicket } from "./update-ticket";

// The SLA through the domain functions, on a clock the test sets: every call takes `now`.

const db = useTestDb();

const H = 3_600_000;
const MIN = 60_000;
const t0 = new Date("2026-03-02T09:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();

async function setup(tier: "standard" | "enterprise" = "standard") {
  const { partner, user } = await createPartnerWithMember(db());
  if (tier !== "standard") await db().update(partners).set({ tier }).where(eq(partners.id, partner.id));
  const staff = await createStaff(db());
  return { partner, user, requester: await principalOf(db(), user.id), staff: await principalOf(db(), staff.user.id), staffUser: staff.user };
}

const breachNotes = (ticketId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.kind, "support.sla_breached"), like(notifications.link, `%${ticketId}`)));

describe("due times", () => {
  const targets: Array<[TicketPriority, number, number]> = [
    ["urgent", 1, 2],
    ["high", 4, 8],
    ["normal", 24, 24],
    ["low", 72, 72],
  ];
  it.each(targets)("%s: first reply in %ih, next in %ih (halved for enterprise)", async (priority, first, next) => {
    for (const tier of ["standard", "enterprise"] as const) {
      const div = tier === "enterprise" ? 2 : 1;
      const { user, requester, staff } = await setup(tier);
      const t = await openTicket(db(), user.id, { priority }, { now: at(0) });
      expect(t.firstReplyDueAt).toBe(iso((first * H) / div));
      expect(t.nextReplyDueAt).toBe(iso((first * H) / div));
      // Staff reply at +10 min: met; the requester answers at +1 h: the next-reply target runs from then.
      await addComment(db(), staff, t.id, { body: "Reply", internal: false }, { now: at(10 * MIN) });
      const replied = await getTicket(db(), requester, t.id, { now: at(10 * MIN) });
      expect(replied).toMatchObject({ firstRepliedAt: iso(10 * MIN), nextReplyDueAt: null, status: "pending", slaPaused: true });
      await addComment(db(), requester, t.id, { body: "Thanks, but…", internal: false }, { now: at(H) });
      const owed = await getTicket(db(), requester, t.id, { now: at(H) });
      expect(owed).toMatchObject({ status: "open", slaPaused: false, nextReplyDueAt: iso(H + (next * H) / div), firstReplyDueAt: iso((first * H) / div) });
    }
  });

  it("customers get the standard targets", async () => {
    const { user } = await createAccountWithMember(db());
    const t = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    expect(t.nextReplyDueAt).toBe(iso(H));
  });

  it("a second requester comment while a reply is owed does not move the clock", async () => {
    const { user, requester, staff } = await setup();
    const t = await openTicket(db(), user.id, { priority: "high" }, { now: at(0) });
    await addComment(db(), requester, t.id, { body: "More detail", internal: false }, { now: at(H) });
    expect((await getTicket(db(), requester, t.id, { now: at(H) })).nextReplyDueAt).toBe(iso(4 * H));
    await addComment(db(), staff, t.id, { body: "On it", internal: false }, { now: at(2 * H) });
    await addComment(db(), requester, t.id, { body: "Ok", internal: false }, { now: at(3 * H) });
    await addComment(db(), requester, t.id, { body: "Also…", internal: false }, { now: at(5 * H) });
    expect((await getTicket(db(), requester, t.id, { now: at(5 * H) })).nextReplyDueAt).toBe(iso(11 * H));
  });

  it("a priority change recomputes the due times from the clock's start, counting paused time", async () => {
    const { user, requester, staff } = await setup();
    const t = await openTicket(db(), user.id, { priority: "low" }, { now: at(0) });
    // Pending from +1 h to +3 h: 2 h paused.
    await updateTicket(db(), staff, t.id, { status: "pending" }, { now: at(H) });
    const paused = await getTicket(db(), requester, t.id, { now: at(2 * H) });
    expect(paused).toMatchObject({ slaPaused: true, nextReplyDueAt: null });
    await updateTicket(db(), staff, t.id, { status: "open" }, { now: at(3 * H) });
    expect((await getTicket(db(), requester, t.id, { now: at(3 * H) })).nextReplyDueAt).toBe(iso(74 * H));
    const raised = await updateTicket(db(), staff, t.id, { priority: "urgent" }, { now: at(3 * H) });
    expect(raised).toMatchObject({ priority: "urgent", firstReplyDueAt: iso(3 * H), nextReplyDueAt: iso(3 * H) });
    // Due exactly now: overdue, reported breached before the job runs.
    expect(raised.slaBreached).toBe(true);
    // After the first reply, a change of priority moves only the next-reply due time.
    await addComment(db(), staff, t.id, { body: "Answer", internal: false }, { now: at(4 * H) });
    await addComment(db(), requester, t.id, { body: "Question", internal: false }, { now: at(5 * H) });
    const high = await updateTicket(db(), staff, t.id, { priority: "high" }, { now: at(5 * H) });
    expect(high).toMatchObject({ firstReplyDueAt: iso(3 * H), nextReplyDueAt: iso(13 * H) });
  });

  it("a requester comment on a paused ticket resumes the owed clock, pushed back by the pause", async () => {
    const { user, requester, staff } = await setup();
    const t = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    await updateTicket(db(), staff, t.id, { status: "pending" }, { now: at(30 * MIN) });
    await addComment(db(), requester, t.id, { body: "Here are the logs", internal: false }, { now: at(2 * H) });
    expect(await getTicket(db(), requester, t.id, { now: at(2 * H) })).toMatchObject({ status: "open", nextReplyDueAt: iso(2.5 * H), slaPaused: false });
  });

  it("resolved and closed tickets owe no reply; one resolved after its due time keeps the miss", async () => {
    await onlyThisTestsTickets();
    const { user, requester, staff } = await setup();
    const late = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    const inTime = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    // Due at +1 h, resolved at +10 h without a reply, and the breach job never ran in between.
    expect((await getTicket(db(), requester, late.id, { now: at(10 * H) })).slaBreached).toBe(true);
    const resolved = await updateTicket(db(), staff, late.id, { status: "resolved" }, { now: at(10 * H) });
    expect(resolved).toMatchObject({ nextReplyDueAt: null, slaBreached: true });
    expect((await updateTicket(db(), staff, inTime.id, { status: "resolved" }, { now: at(30 * MIN) })).slaBreached).toBe(false);
    expect(await markSlaBreaches(db(), at(20 * H))).toEqual({ breached: 0 });
    expect((await getTicket(db(), requester, late.id, { now: at(30 * H) })).slaBreached).toBe(true);
    expect((await getTicket(db(), requester, inTime.id, { now: at(30 * H) })).slaBreached).toBe(false);
    expect(await closeResolvedTickets(db(), at(200 * H))).toEqual({ closed: 2 });
    expect((await getTicket(db(), requester, late.id, { now: at(200 * H) })).slaBreached).toBe(true);
  });

  it("a late staff reply, a late pause and a late priority change each keep the miss the reader was shown", async () => {
    const { user, requester, staff } = await setup();
    const replied = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    const paused = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    const lowered = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    for (const t of [replied, paused, lowered]) expect((await getTicket(db(), requester, t.id, { now: at(90 * MIN) })).slaBreached).toBe(true);
    await addComment(db(), staff, replied.id, { body: "Sorry, here we are", internal: false }, { now: at(90 * MIN) });
    await updateTicket(db(), staff, paused.id, { status: "pending" }, { now: at(90 * MIN) });
    await updateTicket(db(), staff, lowered.id, { priority: "low" }, { now: at(90 * MIN) });
    for (const t of [replied, paused, lowered]) {
      const [row] = await db().select().from(supportTickets).where(eq(supportTickets.id, t.id));
      expect(row.slaBreached, t.subject).toBe(true);
      expect((await getTicket(db(), requester, t.id, { now: at(2 * H) })).slaBreached).toBe(true);
    }
    // The miss is history: a new question answered in time does not undo it.
    await addComment(db(), requester, replied.id, { body: "Thanks, one more thing", internal: false }, { now: at(3 * H) });
    await addComment(db(), staff, replied.id, { body: "Answered", internal: false }, { now: at(3 * H + MIN) });
    expect((await getTicket(db(), requester, replied.id, { now: at(4 * H) })).slaBreached).toBe(true);
  });
});

/** The jobs sweep every ticket: counts are exact only with this test's tickets alone. */
const onlyThisTestsTickets = () => db().delete(supportTickets);

describe("the breach job", () => {
  beforeEach(onlyThisTestsTickets);

  it("marks overdue tickets breached and tells staff once per reply clock", async () => {
    const { user, requester, staff, staffUser } = await setup();
    const t = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    expect((await markSlaBreaches(db(), at(59 * MIN))).breached).toBe(0);
    expect(await breachNotes(t.id)).toHaveLength(0);

    expect((await markSlaBreaches(db(), at(H))).breached).toBe(1);
    const notes = (await breachNotes(t.id)).filter((n) => n.userId === staffUser.id);
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain(`#${t.number}`);
    expect(notes[0].link).toBe(`/admin/tickets/${t.id}`);
    const [row] = await db().select().from(supportTickets).where(eq(supportTickets.id, t.id));
    // Remembered by the clock's start (creation, here), not by its due time.
    expect(row).toMatchObject({ slaBreached: true, slaBreachNotifiedFor: at(0) });

    // The next minutes: still breached, nobody told again.
    expect((await markSlaBreaches(db(), at(H + MIN))).breached).toBe(0);
    expect((await markSlaBreaches(db(), at(H + 2 * MIN))).breached).toBe(0);
    expect((await breachNotes(t.id)).filter((n) => n.userId === staffUser.id)).toHaveLength(1);
    expect((await getTicket(db(), requester, t.id, { now: at(2 * H) })).slaBreached).toBe(true);

    // A reply, a new question, and that one missed too: a second breach, a second notice.
    await addComment(db(), staff, t.id, { body: "Sorry for the wait", internal: false }, { now: at(3 * H) });
    expect((await getTicket(db(), requester, t.id, { now: at(3 * H) })).slaBreached).toBe(true); // history: this ticket missed a target
    await addComment(db(), requester, t.id, { body: "Still down", internal: false }, { now: at(4 * H) });
    expect((await markSlaBreaches(db(), at(5 * H))).breached).toBe(0);
    expect((await markSlaBreaches(db(), at(6 * H))).breached).toBe(1);
    expect((await breachNotes(t.id)).filter((n) => n.userId === staffUser.id)).toHaveLength(2);
  });

  it("tells staff once per clock: pausing, resuming or a new priority after the notice moves its due time, not its start", async () => {
    const { user, requester, staff, staffUser } = await setup();
    const told = async (id: string) => (await breachNotes(id)).filter((n) => n.userId === staffUser.id).length;
    const t = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    expect((await markSlaBreaches(db(), at(H))).breached).toBe(1);
    expect(await told(t.id)).toBe(1);

    // Pending for an hour, then open: the due time moves an hour on, to +2 h, and passes again.
    await updateTicket(db(), staff, t.id, { status: "pending" }, { now: at(H + MIN) });
    await updateTicket(db(), staff, t.id, { status: "open" }, { now: at(2 * H + MIN) });
    expect((await getTicket(db(), staff, t.id, { now: at(2 * H + MIN) })).nextReplyDueAt).toBe(iso(2 * H));
    expect((await markSlaBreaches(db(), at(3 * H))).breached).toBe(0);
    // A new priority gives the same clock another due time, which passes too.
    await updateTicket(db(), staff, t.id, { priority: "high" }, { now: at(3 * H) });
    expect((await markSlaBreaches(db(), at(6 * H))).breached).toBe(0);
    expect(await told(t.id)).toBe(1);

    // A reply, then the requester writes again: a new clock, whose miss is news.
    await addComment(db(), staff, t.id, { body: "Looking", internal: false }, { now: at(6 * H) });
    await addComment(db(), requester, t.id, { body: "Any news?", internal: false }, { now: at(7 * H) });
    expect((await markSlaBreaches(db(), at(14 * H))).breached).toBe(0); // high: next reply due 8 h later, at +15 h
    expect((await markSlaBreaches(db(), at(15 * H))).breached).toBe(1);
    expect(await told(t.id)).toBe(2);
    expect((await db().select().from(supportTickets).where(eq(supportTickets.id, t.id)))[0].slaBreachNotifiedFor).toEqual(at(7 * H));

    // Staff reopening a resolved ticket starts a clock too.
    await addComment(db(), staff, t.id, { body: "Fixed", internal: false, status: "resolved" }, { now: at(16 * H) });
    await updateTicket(db(), staff, t.id, { status: "open" }, { now: at(17 * H) });
    expect((await markSlaBreaches(db(), at(25 * H))).breached).toBe(1);
    expect(await told(t.id)).toBe(3);
  });

  it("works in batches, stopping between them when the job is told to", async () => {
    const { partner, staffUser } = await setup();
    const count = 205;
    const sla = openingSla(at(0), "urgent", null);
    await db()
      .insert(supportTickets)
      .values(Array.from({ length: count }, (_, i) => ({ partnerId: partner.id, subject: `Backlog ${i}`, body: "…", priority: "urgent" as const, ...sla })));
    // A signal raised once the first batch is done (read before each batch): the rest waits for the next run.
    let checks = 0;
    const stopAfterOne = { get aborted() { return checks++ > 0; } } as AbortSignal;
    expect(await markSlaBreaches(db(), at(H), { signal: stopAfterOne })).toEqual({ breached: 200 });
    expect(await markSlaBreaches(db(), at(H))).toEqual({ breached: count - 200 });
    expect(await markSlaBreaches(db(), at(H + MIN))).toEqual({ breached: 0 });
    expect(await db().$count(supportTickets, eq(supportTickets.slaBreached, true))).toBe(count);
    // One notice per ticket, none twice.
    const notices = await db()
      .select({ link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.kind, "support.sla_breached"), eq(notifications.userId, staffUser.id), like(notifications.title, "%Backlog%")));
    expect(notices).toHaveLength(count);
    expect(new Set(notices.map((n) => n.link)).size).toBe(count);
  });

  it("leaves paused (pending) tickets alone", async () => {
    const { user, staff } = await setup();
    const t = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    await updateTicket(db(), staff, t.id, { status: "pending" }, { now: at(10 * MIN) });
    expect((await markSlaBreaches(db(), at(5 * H))).breached).toBe(0);
    expect(await breachNotes(t.id)).toHaveLength(0);
  });

  it("is registered to run every minute, with the slot as its clock", async () => {
    const job = scheduledJobs.find((j) => j.id === "support-sla-breaches")!;
    expect(job.cron).toBe("* * * * *");
    const { user } = await setup();
    const t = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    const summary = await job.run(db(), at(90 * MIN), { signal: new AbortController().signal });
    expect(summary).toEqual({ breached: 1 });
    expect((await db().select().from(supportTickets).where(eq(supportTickets.id, t.id)))[0].slaBreached).toBe(true);
  });
});

describe("the closing job", () => {
  beforeEach(onlyThisTestsTickets);

  it("closes tickets resolved 4 days before the slot, and they never change again", async () => {
    const { partner, user, requester, staff } = await setup();
    const colleague = await addPartnerMember(db(), partner.id);
    const old = await openTicket(db(), user.id, {}, { now: at(0) });
    const recent = await openTicket(db(), user.id, {}, { now: at(0) });
    await updateTicket(db(), staff, old.id, { status: "resolved" }, { now: at(H) });
    await updateTicket(db(), staff, recent.id, { status: "resolved" }, { now: at(2 * H) });
    const fourDays = 96 * H;
    expect(await closeResolvedTickets(db(), at(H + fourDays - 1))).toEqual({ closed: 0 });
    const job = scheduledJobs.find((j) => j.id === "support-close-resolved")!;
    expect(await job.run(db(), at(H + fourDays), { signal: new AbortController().signal })).toEqual({ closed: 1 });
    expect(await getTicket(db(), requester, old.id)).toMatchObject({ status: "closed", closedAt: iso(H + fourDays), resolvedAt: iso(H) });
    expect((await getTicket(db(), requester, recent.id)).status).toBe("resolved");
    await expect(addComment(db(), await principalOf(db(), colleague.id), old.id, { body: "Reopen?", internal: false })).rejects.toMatchObject({ code: "TICKET_CLOSED" });
    // Reopened before its time: the clock to closing starts again at the next resolve.
    await addComment(db(), requester, recent.id, { body: "Not fixed", internal: false }, { now: at(3 * H) });
    expect(await closeResolvedTickets(db(), at(10 * fourDays))).toEqual({ closed: 0 });
  });
});

describe("stats", () => {
  beforeEach(onlyThisTestsTickets);

  it("count breached, due within the hour and unassigned tickets on the stats clock", async () => {
    const { user, requester, staff, staffUser } = await setup();
    const urgent = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    await openTicket(db(), user.id, { priority: "normal" }, { now: at(0) });
    const waiting = await openTicket(db(), user.id, { priority: "urgent" }, { now: at(0) });
    await addComment(db(), staff, waiting.id, { body: "Over to you", internal: false }, { now: at(MIN) });
    await updateTicket(db(), staff, urgent.id, { assigneeId: staffUser.id }, { now: at(MIN) });
    expect(await supportStats(db(), staff, { now: at(30 * MIN) })).toEqual({ open: 2, pending: 1, breached: 0, dueWithinHour: 1, unassigned: 2 });
    expect(await supportStats(db(), staff, { now: at(2 * H) })).toEqual({ open: 2, pending: 1, breached: 1, dueWithinHour: 0, unassigned: 2 });
    expect(await supportStats(db(), requester, { now: at(2 * H) })).toEqual({ open: 2, pending: 1 });
  });
});
