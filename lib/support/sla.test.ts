import { describe, expect, it } from "vitest";
import { dueTimes, fulfilSla, missed, openingSla, pauseSla, replyOwedSla, replyTargetMs, reprioritisedSla, resumeSla, settleSla, slaView, type SlaFields } from "./sla";

const H = 3_600_000;
const t0 = new Date("2026-03-02T09:00:00.000Z");
const at = (hours: number) => new Date(t0.getTime() + hours * H);

describe("reply targets", () => {
  it.each([
    ["urgent", 1, 2],
    ["high", 4, 8],
    ["normal", 24, 24],
    ["low", 72, 72],
  ] as const)("%s: first %ih, next %ih; halved for enterprise partners only", (priority, first, next) => {
    for (const tier of ["standard", "premium", null] as const) {
      expect(replyTargetMs(priority, tier, "first")).toBe(first * H);
      expect(replyTargetMs(priority, tier, "next")).toBe(next * H);
    }
    expect(replyTargetMs(priority, "enterprise", "first")).toBe((first * H) / 2);
    expect(replyTargetMs(priority, "enterprise", "next")).toBe((next * H) / 2);
  });
});

describe("the reply clock", () => {
  it("starts at creation with the first-reply target as both due times", () => {
    const s = openingSla(t0, "high", "standard");
    expect(s).toMatchObject({ awaitingFirstReply: true, replyClockStartedAt: t0, firstReplyDueAt: at(4), nextReplyDueAt: at(4), slaPausedMs: 0, slaPausedAt: null });
  });

  it("a staff reply meets it: first reply recorded, nothing owed", () => {
    const s = fulfilSla(openingSla(t0, "high", null), at(1));
    expect(s).toMatchObject({ awaitingFirstReply: false, firstRepliedAt: at(1), nextReplyDueAt: null, firstReplyDueAt: at(4) });
    // A later reply does not move the first reply.
    expect(fulfilSla(s, at(9)).firstRepliedAt).toEqual(at(1));
  });

  it("the requester writing after a staff reply starts a next-reply clock; writing again while owed does not move it", () => {
    const replied = fulfilSla(openingSla(t0, "high", null), at(1));
    const owed = replyOwedSla(replied, at(2), "high", null);
    expect(owed).toMatchObject({ replyClockStartedAt: at(2), nextReplyDueAt: at(10), firstReplyDueAt: at(4) });
    expect(replyOwedSla(owed, at(3), "high", null)).toEqual(owed);
  });

  it("pausing and resuming moves the owed due times by the paused time and remembers it", () => {
    const s = openingSla(t0, "normal", null);
    const paused = pauseSla(s, at(2));
    expect(pauseSla(paused, at(3))).toBe(paused); // already paused: the first pause time holds
    const resumed = resumeSla(paused, at(7));
    expect(resumed).toMatchObject({ slaPausedAt: null, slaPausedMs: 5 * H, nextReplyDueAt: at(29), firstReplyDueAt: at(29) });
    expect(resumeSla(resumed, at(8))).toBe(resumed);
  });

  it("is shown paused and owing nothing visible while paused, and overdue only while running", () => {
    const s = openingSla(t0, "urgent", null);
    expect(slaView({ ...s, status: "open" }, at(0.5))).toEqual({ nextReplyDueAt: at(1), slaPaused: false, slaBreached: false, overdue: false });
    expect(slaView({ ...s, status: "open" }, at(1))).toMatchObject({ slaBreached: true, overdue: true });
    expect(slaView({ ...pauseSla(s, at(0.5)), status: "pending" }, at(5))).toEqual({ nextReplyDueAt: null, slaPaused: true, slaBreached: false, overdue: false });
    // Resolved owes nothing even if the stored due time passed; the stored flag is history and stays.
    expect(slaView({ ...s, status: "resolved" }, at(5))).toMatchObject({ nextReplyDueAt: null, slaBreached: false });
    expect(slaView({ ...settleSla(s, at(0.5)), slaBreached: true, status: "resolved" }, at(5)).slaBreached).toBe(true);
  });

  it("a new priority recomputes from the clock's start plus the paused time", () => {
    const s = resumeSla(pauseSla(openingSla(t0, "low", null), at(1)), at(3)); // 2 h paused
    expect(dueTimes(s, "urgent", null)).toEqual({ firstReplyDueAt: at(3), nextReplyDueAt: at(3) });
    expect(dueTimes(s, "urgent", "enterprise")).toEqual({ firstReplyDueAt: at(2.5), nextReplyDueAt: at(2.5) });
    // After the first reply, the first-reply due time is history and the next-reply target applies.
    const next = replyOwedSla(fulfilSla(s, at(4)), at(5), "low", null);
    expect(dueTimes(next, "high", null)).toEqual({ firstReplyDueAt: at(74), nextReplyDueAt: at(13) });
    // Nothing owed: nothing to recompute.
    expect(dueTimes(fulfilSla(s, at(4)), "urgent", null).nextReplyDueAt).toBeNull();
  });
});

describe("a missed due time is recorded when the clock stops or moves, not only by the breach job", () => {
  const s = openingSla(t0, "urgent", null); // due at +1 h
  const steps: Array<[string, (t: SlaFields, now: Date) => SlaFields]> = [
    ["a staff reply", fulfilSla],
    ["pausing", pauseSla],
    ["settling (resolved, closed)", settleSla],
    ["a new priority", (t, now) => reprioritisedSla(t, "low", null, now)],
  ];

  it.each(steps)("%s before the due time leaves it unbreached; at or after it, breached", (_, step) => {
    expect(step(s, at(0.5)).slaBreached).toBe(false);
    expect(step(s, at(1)).slaBreached).toBe(true);
    expect(step(s, at(10)).slaBreached).toBe(true);
  });

  it.each(steps)("%s stores what a reader was shown at that moment", (_, step) => {
    for (const h of [0.5, 0.999, 1, 3]) {
      expect(step(s, at(h)).slaBreached, `at +${h} h`).toBe(slaView({ ...s, status: "open" }, at(h)).slaBreached);
    }
  });

  it("a paused clock misses nothing, and a breach already recorded stays", () => {
    const paused = pauseSla(s, at(0.5));
    expect(missed(paused, at(10))).toBe(false);
    expect(settleSla(paused, at(10)).slaBreached).toBe(false);
    expect(fulfilSla({ ...s, slaBreached: true }, at(0.1)).slaBreached).toBe(true);
    // Nothing owed: nothing to miss.
    expect(settleSla(fulfilSla(s, at(0.5)), at(10)).slaBreached).toBe(false);
  });

  it("a lower priority after the due time moves the due time on but keeps the miss", () => {
    const lowered = reprioritisedSla(s, "low", null, at(2));
    expect(lowered).toMatchObject({ nextReplyDueAt: at(72), slaBreached: true });
  });
});
