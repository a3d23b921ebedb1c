import { describe, expect, it } from "vitest";
import { sessionScopes } from "@/lib/auth/session-scopes";
import { describeStatuses, formatDue, linkTypesFor, parseStatusList, priorityPromise, requesterSla, staffSla, type SlaTicket } from "./format";

const now = new Date("2026-03-02T12:00:00.000Z");
const base: SlaTicket = {
  status: "open",
  firstReplyDueAt: "2026-03-02T14:30:00.000Z",
  firstRepliedAt: null,
  nextReplyDueAt: "2026-03-02T14:30:00.000Z",
  slaPaused: false,
  slaBreached: false,
  resolvedAt: null,
  closedAt: null,
};

describe("what the requester is told about the clock", () => {
  it("promises the owed reply by its due time while the ticket is with the team", () => {
    expect(requesterSla(base, now)).toEqual({ kind: "due", at: "2026-03-02T14:30:00.000Z" });
    expect(formatDue("2026-03-02T14:30:00.000Z")).toBe("Mar 2, 2:30 PM UTC");
  });

  it("says the reply is late, never 'breached', once the due time passed", () => {
    expect(requesterSla({ ...base, nextReplyDueAt: "2026-03-02T11:00:00.000Z" }, now).kind).toBe("late");
    expect(requesterSla({ ...base, slaBreached: true }, now).kind).toBe("late");
  });

  it("puts the ball in the requester's court while pending, with no due time", () => {
    expect(requesterSla({ ...base, status: "pending", slaPaused: true, nextReplyDueAt: null }, now)).toEqual({ kind: "waiting-on-you" });
  });

  it("names the day a resolved ticket closes by itself (4 days on)", () => {
    expect(requesterSla({ ...base, status: "resolved", nextReplyDueAt: null, resolvedAt: "2026-03-02T10:00:00.000Z" }, now)).toEqual({
      kind: "resolved",
      closesOn: "2026-03-06T10:00:00.000Z",
    });
    expect(requesterSla({ ...base, status: "closed", closedAt: "2026-03-06T10:00:00.000Z" }, now)).toEqual({ kind: "closed", at: "2026-03-06T10:00:00.000Z" });
  });
});

describe("what staff see of the clock", () => {
  it("is breached when the owed reply is late, or the ticket missed a target and still owes one", () => {
    expect(staffSla({ ...base, nextReplyDueAt: "2026-03-02T11:59:00.000Z" }, now)).toEqual({ kind: "breached", at: "2026-03-02T11:59:00.000Z" });
    expect(staffSla({ ...base, slaBreached: true }, now).kind).toBe("breached");
  });

  it("is due soon within the hour, and due otherwise", () => {
    expect(staffSla({ ...base, nextReplyDueAt: "2026-03-02T12:45:00.000Z" }, now).kind).toBe("due-soon");
    expect(staffSla(base, now).kind).toBe("due");
  });

  it("is paused while waiting on the requester, remembering an earlier miss", () => {
    expect(staffSla({ ...base, status: "pending", slaPaused: true, nextReplyDueAt: null }, now)).toEqual({ kind: "paused", missed: false });
    expect(staffSla({ ...base, status: "pending", slaPaused: true, nextReplyDueAt: null, slaBreached: true }, now)).toEqual({ kind: "paused", missed: true });
    expect(staffSla({ ...base, status: "resolved", nextReplyDueAt: null }, now)).toEqual({ kind: "none", missed: false });
  });
});

describe("the priority choices", () => {
  it("say the first-reply time each buys, halved for enterprise partners", () => {
    expect(priorityPromise("urgent", "standard")).toBe("Urgent: first reply within 1 hour");
    expect(priorityPromise("urgent", "enterprise")).toBe("Urgent: first reply within 30 minutes");
    expect(priorityPromise("low", null)).toBe("Low: first reply within 72 hours");
    expect(priorityPromise("normal", "enterprise")).toBe("Normal: first reply within 12 hours");
  });
});

describe("what a requester can attach", () => {
  it("is integrations only for a customer", () => {
    expect(linkTypesFor({ kind: "customer" })).toEqual(["integration"]);
  });

  it("follows a partner member's role", () => {
    const billing = sessionScopes({ isPlatformAdmin: false, partnerRole: "billing", accountId: null });
    expect(linkTypesFor({ kind: "partner", scopes: billing })).toEqual(["invoice", "payout"]);
    const developer = sessionScopes({ isPlatformAdmin: false, partnerRole: "developer", accountId: null });
    expect(linkTypesFor({ kind: "partner", scopes: developer })).toContain("delivery");
    expect(linkTypesFor({ kind: "partner", scopes: developer })).toHaveLength(9);
  });
});

describe("status filters in the URL", () => {
  it("reads a comma list in the catalogue's order and drops unknown words", () => {
    expect(parseStatusList("pending,open")).toEqual(["open", "pending"]);
    expect(parseStatusList("open,bogus,")).toEqual(["open"]);
    expect(parseStatusList("")).toEqual([]);
  });

  it("names a filter in words", () => {
    expect(describeStatuses(["open", "pending"])).toBe("Open and pending");
    expect(describeStatuses(["open", "pending", "resolved"])).toBe("Open, pending and resolved");
    expect(describeStatuses([])).toBe("All statuses");
    expect(describeStatuses(["open", "pending", "resolved", "closed"])).toBe("All statuses");
  });
});
