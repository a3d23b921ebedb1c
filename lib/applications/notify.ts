import type { Db } from "@/db";
import { notify, type NotifyInput, type NotifyResult } from "@/lib/notifications/notify";

/** Every member of the partner hears of it, in the app and (per their preferences) by mail. */
export function notifyPartner(db: Db, partnerId: string, note: Omit<NotifyInput, "to" | "partnerId">): Promise<NotifyResult> {
  return notify(db, { ...note, to: { partner: partnerId }, partnerId });
}
