import { DomainError } from "@/lib/errors";
import { pgErrorCode } from "./errors";

// The database is the last line that refuses bad data: a value that slipped past
// validation (an id that names nothing, a number out of a column's range) ends
// in an integrity or data error. That is the caller's input, not our failure:
// answered as a 4xx naming the field where the error says which (never the
// value), instead of a 500. Domain code still checks first where it can say more.

function pgDetail(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    const d = (e as { detail?: unknown }).detail;
    if (typeof d === "string") return d;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** "Key (account_id)=(…) is not present …" → "accountId"; the value itself is never read. */
function keyField(err: unknown): string {
  const m = /^Key \(([a-z0-9_, ]+)\)=/.exec(pgDetail(err) ?? "");
  return m ? m[1].split(",").map((c) => camel(c.trim())).join(", ") : "(body)";
}

export function dataErrorToDomain(err: unknown): DomainError | null {
  const code = pgErrorCode(err);
  if (!code) return null;
  switch (code) {
    case "23503": {
      const field = keyField(err);
      return new DomainError("VALIDATION_FAILED", `${field} does not name anything that exists`, [{ path: field, message: "Does not exist" }]);
    }
    case "23505": {
      const field = keyField(err);
      return new DomainError("CONFLICT", "Something with the same unique value already exists", [{ path: field, message: "Already taken" }]);
    }
    case "23502":
    case "23514":
    case "22001":
    case "22003":
    case "22007":
    case "22008":
    case "22021":
    case "22P02":
    case "22P05":
    case "2201B":
      return new DomainError("VALIDATION_FAILED", "A value in the request cannot be stored (out of range, too long or malformed)", [
        { path: "(body)", message: "A value cannot be stored" },
      ]);
    case "54001":
      return new DomainError("INVALID_REQUEST", "The request is too complex to process", [{ path: "(body)", message: "Too complex" }]);
    default:
      return null;
  }
}
