import type { Db } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { keyRow } from "./key-queries";
import type { ApiKey } from "./schemas";
import { toApiKey } from "./to-dto";

export async function getKey(db: Db, principal: Principal, id: string): Promise<ApiKey> {
  return toApiKey(await keyRow(db, principal, id));
}
