import Link from "next/link";
import { statementOutcome } from "./format";
import type { PayoutStatement } from "./types";

/** What became of a statement's net, in words; in a list of statements, a paid-out one leads to its payout. */
export function StatementOutcome({ statement, linkToPayout = false }: { statement: PayoutStatement; linkToPayout?: boolean }) {
  const o = statementOutcome(statement);
  if (o.kind === "paid_out" && linkToPayout && statement.payoutId) {
    return (
      <Link href={`/payouts/${statement.payoutId}`} className="font-medium text-brand-700 hover:underline">
        {o.text}
      </Link>
    );
  }
  return <span className={o.kind === "nothing" ? "text-slate-600" : "text-slate-700"}>{o.text}</span>;
}
