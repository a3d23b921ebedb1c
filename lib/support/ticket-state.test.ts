import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import type { TicketStatus } from "./schemas";
import { openingSla } from "./sla";
import {
  afterRequesterComment,
  afterStaffMove,
  afterStaffReply,
  assertRequesterUpdate,
  assertStaffMove,
  ticketClosed,
  withPriority,
  withStatus,
  type TicketState,
} from "./ticket-state";

const H = 3_600_000;
const t0 = new Date("2026-03-02T09:00:00.000Z");
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const fresh = (priority: TicketState["priority"] = "normal"): TicketState => ({
  ...openingSla(t0, priority, null),
  status: "open",
  priority,
  resolvedAt: null,
  closedAt: null,
  satisfactionRating: null,
  satisfactionComment: null,
  satisfactionAt: null,
});
const ref = (status: TicketStatus) => ({ id: "6f1c2f52-5b8e-4d55-9d52-0d1f6c4a3b10", number: 1001, status });

function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("staff status changes", () => {
  const statuses: TicketStatus[] = ["open", "pending", "resolved", "closed"];
  it.each(statuses.flatMap((from) => statuses.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    const run = () => assertStaffMove(ref(from), to);
    if (from === "closed") {
      const e = refusal(run);
      expect(e.code).toBe("TICKET_CLOSED");
      expect(e.message).toContain("followUpOf");
    } else if (to === "closed") {
      // Not even from resolved: the scheduler closes a ticket 4 days after it was resolved, never a person.
      const e = refusal(run);
      expect(e.code).toBe("INVALID_TRANSITION");
      expect(e.message).toContain(`${from} ticket cannot become closed: closed happens 4 days after resolved`);
    } else {
      expect(run).not.toThrow();
    }
  });
});

describe("requester changes", () => {
  it("may resolve, and nothing else: other fields and statuses are refused naming them", () => {
    expect(() => assertRequesterUpdate(ref("open"), { status: "resolved" })).not.toThrow();
    expect(() => assertRequesterUpdate(ref("pending"), { status: "resolved" })).not.toThrow();
    for (const [input, path] of [
      [{ priority: "urgent" }, "priority"],
      [{ category: "billing" }, "category"],
      [{ assigneeId: null }, "assigneeId"],
      [{ status: "resolved", priority: "low" }, "priority"],
      [{ status: "open" }, "status"],
      [{ status: "pending" }, "status"],
    ] as const) {
      const e = refusal(() => assertRequesterUpdate(ref("open"), input));
      expect(e.code).toBe("FORBIDDEN");
      expect(e.errors?.[0].path).toBe(path);
    }
    expect(refusal(() => assertRequesterUpdate(ref("closed"), { status: "resolved" })).code).toBe("TICKET_CLOSED");
    // Closing is nobody's to do, so a requester asking for it hears the same as staff.
    for (const from of ["open", "resolved"] as const) {
      const e = refusal(() => assertRequesterUpdate(ref(from), { status: "closed" }));
      expect(e.code).toBe("INVALID_TRANSITION");
      expect(e.message).toContain("closed happens 4 days after resolved");
    }
  });
});

describe("effects on the ticket", () => {
  it("a staff reply leaves it pending (paused, nothing owed) or in the status asked for", () => {
    const s = afterStaffReply(fresh(), at(2));
    expect(s).toMatchObject({ status: "pending", nextReplyDueAt: null, firstRepliedAt: at(2), slaPausedAt: at(2) });
    expect(afterStaffReply(fresh(), at(2), "open")).toMatchObject({ status: "open", slaPausedAt: null, nextReplyDueAt: null });
    expect(afterStaffReply(fresh(), at(2), "resolved")).toMatchObject({ status: "resolved", resolvedAt: at(2), nextReplyDueAt: null });
  });

  it("a staff reply on a resolved ticket leaves it resolved (closing in 4 days, rating kept) unless told otherwise", () => {
    const resolved = { ...withStatus(fresh(), "resolved", at(1)), satisfactionRating: 4, satisfactionComment: "ok", satisfactionAt: at(1.5) };
    expect(afterStaffReply(resolved, at(2))).toMatchObject({ status: "resolved", resolvedAt: at(1), satisfactionRating: 4, slaPausedAt: null, nextReplyDueAt: null });
    expect(afterStaffReply(resolved, at(2), "pending")).toMatchObject({ status: "pending", resolvedAt: null, satisfactionRating: null });
    expect(afterStaffReply(resolved, at(2), "open")).toMatchObject({ status: "open", resolvedAt: null, satisfactionAt: null });
  });

  it("staff reopening a resolved ticket owes a reply again, from now; other moves start no clock", () => {
    const answered = afterStaffReply(fresh("high"), at(1)); // pending, nothing owed
    const resolved = withStatus(answered, "resolved", at(2));
    expect(afterStaffMove(resolved, "open", at(5), null)).toMatchObject({ status: "open", replyClockStartedAt: at(5), nextReplyDueAt: at(13), slaPausedAt: null });
    expect(afterStaffMove(resolved, "open", at(5), "enterprise").nextReplyDueAt).toEqual(at(9));
    expect(afterStaffMove(resolved, "pending", at(5), null)).toMatchObject({ status: "pending", nextReplyDueAt: null });
    expect(afterStaffMove(answered, "open", at(5), null)).toMatchObject({ status: "open", nextReplyDueAt: null });
    // Resolved before any staff reply: the first-reply target applies, from now.
    const unanswered = withStatus(fresh("urgent"), "resolved", at(0.5));
    expect(afterStaffMove(unanswered, "open", at(5), null)).toMatchObject({ nextReplyDueAt: at(6), firstReplyDueAt: at(6), awaitingFirstReply: true });
  });

  it("reopening clears the rating: it was of a resolution that no longer stands", () => {
    const rated = { ...withStatus(fresh(), "resolved", at(1)), satisfactionRating: 2, satisfactionComment: "Slow", satisfactionAt: at(1.5) };
    const cleared = { satisfactionRating: null, satisfactionComment: null, satisfactionAt: null };
    expect(afterRequesterComment(rated, at(2), null)).toMatchObject({ status: "open", ...cleared });
    expect(afterStaffMove(rated, "open", at(2), null)).toMatchObject(cleared);
    expect(afterStaffMove(rated, "pending", at(2), null)).toMatchObject(cleared);
    // Closing keeps it: the rating stands for the resolution that closed.
    expect(withStatus(rated, "closed", at(100))).toMatchObject({ satisfactionRating: 2, satisfactionComment: "Slow" });
  });

  it("a requester comment reopens pending and resolved tickets and starts a new reply clock", () => {
    const pending = afterStaffReply(fresh("high"), at(1));
    const reopened = afterRequesterComment(pending, at(5), null);
    expect(reopened).toMatchObject({ status: "open", slaPausedAt: null, replyClockStartedAt: at(5), nextReplyDueAt: at(13), slaPausedMs: 0 });
    const resolved = withStatus(pending, "resolved", at(6));
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: at(6), slaPausedAt: null });
    expect(afterRequesterComment(resolved, at(7), "enterprise")).toMatchObject({ status: "open", resolvedAt: null, nextReplyDueAt: at(11) });
  });

  it("pending set by staff while a reply is owed pauses it; leaving pending pushes the due time back", () => {
    const paused = withStatus(fresh("urgent"), "pending", at(0.5));
    expect(paused.slaPausedAt).toEqual(at(0.5));
    const back = withStatus(paused, "open", at(3.5));
    expect(back).toMatchObject({ slaPausedAt: null, slaPausedMs: 3 * H, nextReplyDueAt: at(4) });
    // A requester comment while the reply is owed and paused resumes the clock without restarting it.
    expect(afterRequesterComment(paused, at(2.5), null)).toMatchObject({ status: "open", nextReplyDueAt: at(3), replyClockStartedAt: t0 });
  });

  it("resolved owes nothing; closed keeps the resolved time", () => {
    const resolved = withStatus(fresh(), "resolved", at(1));
    expect(resolved.nextReplyDueAt).toBeNull();
    expect(withStatus(resolved, "closed", at(100))).toMatchObject({ status: "closed", resolvedAt: at(1), closedAt: at(100) });
  });

  it("a priority change recomputes the owed due time", () => {
    const s = withPriority(fresh("low"), "urgent", null, at(0.5));
    expect(s).toMatchObject({ priority: "urgent", firstReplyDueAt: at(1), nextReplyDueAt: at(1), slaBreached: false });
    expect(withPriority(fresh("low"), "high", "enterprise", at(0.5))).toMatchObject({ nextReplyDueAt: at(2) });
    // Lowered after an urgent due time passed: later due time, the miss kept.
    expect(withPriority(fresh("urgent"), "low", null, at(3))).toMatchObject({ nextReplyDueAt: at(72), slaBreached: true });
  });

  it("a breach is recorded by the step that stops the clock after its due time (the job may not have run)", () => {
    const late = at(10); // an urgent ticket was due at +1 h
    expect(afterStaffReply(fresh("urgent"), late).slaBreached).toBe(true);
    expect(withStatus(fresh("urgent"), "pending", late).slaBreached).toBe(true);
    expect(withStatus(fresh("urgent"), "resolved", late).slaBreached).toBe(true);
    expect(afterStaffReply(fresh("urgent"), at(0.5)).slaBreached).toBe(false);
    expect(withStatus(fresh("urgent"), "resolved", at(0.5)).slaBreached).toBe(false);
  });
});

describe("the TICKET_CLOSED problem", () => {
  it("carries the follow-up request as data beside the prose", () => {
    const e = ticketClosed(ref("closed"));
    expect(e.extensions).toEqual({ followUp: { method: "POST", href: "/api/v1/support/tickets", body: { followUpOf: ref("closed").id } } });
    expect(e.message).toContain(`"followUpOf": "${ref("closed").id}"`);
  });
});
