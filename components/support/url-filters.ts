import { createParser, parseAsStringLiteral } from "nuqs";
import { ticketCategories, ticketPriorities, type TicketStatus } from "@/lib/support/schemas";
import { parseStatusList } from "./format";

// The ticket lists' filters as the URL holds them, so a view can be linked (the dashboard's
// "Open tickets" → /support?status=open,pending) and survives a reload.

/** `?status=open,pending`: a comma list in the catalogue's order; nothing valid reads as no filter. */
export const parseAsStatuses = createParser<TicketStatus[]>({
  parse: (v) => {
    const list = parseStatusList(v);
    return list.length ? list : null;
  },
  serialize: (v) => v.join(","),
  eq: (a, b) => a.join(",") === b.join(","),
});

export const parseAsPriority = parseAsStringLiteral(ticketPriorities);
export const parseAsCategory = parseAsStringLiteral(ticketCategories);
export const parseAsAssignee = parseAsStringLiteral(["me", "none"] as const);
export const parseAsTier = parseAsStringLiteral(["standard", "premium", "enterprise"] as const);

const ALL: TicketStatus[] = ["open", "pending", "resolved", "closed"];

/** The requester's status choices: every status ([], no filter) first. */
export const requesterStatusPresets: TicketStatus[][] = [[], ["open", "pending"], ["open"], ["pending"], ["resolved"], ["closed"]];

/** The staff queue's: the work (open and pending) first, which is also its default. */
export const staffStatusPresets: TicketStatus[][] = [["open", "pending"], ["open"], ["pending"], ["resolved"], ["closed"], ALL];
export const STAFF_DEFAULT_STATUSES: TicketStatus[] = ["open", "pending"];
