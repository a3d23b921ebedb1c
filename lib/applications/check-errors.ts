import { DomainError } from "@/lib/errors";

/** 422 with one `errors[]` entry per failed check, `path` = the field it judged. */
export class SecurityChecksFailed extends DomainError {
  constructor(failed: { check: string; field: string; message: string }[]) {
    super(
      "SECURITY_CHECKS_FAILED",
      `${failed.length} security check${failed.length === 1 ? "" : "s"} failed: ${failed.map((f) => f.check).join(", ")}`,
      failed.map((f) => ({ path: f.field, message: `${f.check}: ${f.message}` })),
    );
  }
}
