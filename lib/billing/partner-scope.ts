import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";

/**
 * Whose billing documents a read covers. An admin gets the partner named
 * (undefined: every partner). A partner always gets its own; naming another
 * partner is the 404 of a partner that does not exist, so a filter cannot be
 * used to learn which partner ids are real. A caller that is neither has no
 * billing to read (403).
 */
export function scopedPartnerId(principal: Principal, requested?: string): string | undefined {
  if (isAdmin(principal)) return requested;
  if (!principal.partnerId) throw new Forbidden("Only partners and platform admins have billing documents");
  if (requested !== undefined && requested !== principal.partnerId) throw new NotFound("Partner");
  return principal.partnerId;
}
