import { z } from "zod";
import type { Principal } from "./principal";

export const Caller = z
  .object({
    type: z.enum(["api_key", "oauth", "session"]),
    partnerId: z.uuid().nullable(),
    accountId: z.uuid().nullable(),
    userId: z.uuid().nullable(),
    scopes: z.array(z.string()),
  })
  .meta({ id: "Caller" });

export function describeCaller(p: Principal): z.infer<typeof Caller> {
  return { type: p.type, partnerId: p.partnerId, accountId: p.accountId, userId: p.userId, scopes: p.scopes };
}
