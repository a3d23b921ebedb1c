"use client";

import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { parseAsId, parseAsSearch } from "@/components/url-state/parsers";
import type { LogFilterState, TimeRange } from "./delivery-filters";
import type { DeliveryStatus, WebhookTab } from "./types";

const tabs = ["endpoints", "log", "replay", "verify"] as const satisfies readonly WebhookTab[];
const statuses = ["pending", "succeeded", "failed", "dead"] as const satisfies readonly DeliveryStatus[];
const ranges = ["1h", "24h", "7d"] as const satisfies readonly TimeRange[];

const parsers = {
  // A tab is a place: Back returns to the previous one. Filters refine a place: they replace.
  tab: parseAsStringLiteral(tabs).withDefault("endpoints").withOptions({ history: "push" }),
  status: parseAsStringLiteral(statuses),
  endpointId: parseAsId,
  eventType: parseAsSearch,
  range: parseAsStringLiteral(ranges).withDefault("24h"),
};

/**
 * The webhooks page's tab and delivery-log filters, in the URL (`?tab=log&status=dead&endpoint=…&type=…&range=7d`):
 * a filtered log can be linked and survives reload.
 */
export function useWebhooksView() {
  const [v, set] = useQueryStates(parsers, { urlKeys: { endpointId: "endpoint", eventType: "type" } });
  const filters: LogFilterState = { status: v.status ?? "", endpointId: v.endpointId ?? "", eventType: v.eventType ?? "", range: v.range };
  return {
    tab: v.tab,
    setTab: (tab: WebhookTab) => set({ tab }),
    filters,
    setFilters: (f: LogFilterState, tab?: WebhookTab) =>
      set({
        ...(tab ? { tab } : {}),
        status: (f.status || null) as DeliveryStatus | null,
        endpointId: f.endpointId || null,
        eventType: f.eventType || null,
        range: f.range,
      }),
  };
}
