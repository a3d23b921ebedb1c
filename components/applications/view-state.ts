"use client";

import { parseAsStringLiteral, useQueryState } from "nuqs";
import { appTabs, type AppTab } from "./types";

/** The app page's tab in the URL (`?tab=checks`): a tab is a place, so Back returns to the previous one. */
export function useAppTab(): [AppTab, (tab: AppTab) => void] {
  const [tab, setTab] = useQueryState("tab", parseAsStringLiteral(appTabs).withDefault("overview").withOptions({ history: "push" }));
  return [tab, (t) => void setTab(t === "overview" ? null : t)];
}
