import { AlarmClock } from "lucide-react";
import { formatWaiting, isLongWait } from "./waiting";

// How long a submission has waited, as the queue and the review page show it.

/** "3 h"; past two days in red with a clock, and said so to screen readers. */
export function WaitingTime({ seconds }: { seconds: number }) {
  const text = formatWaiting(seconds);
  if (!isLongWait(seconds)) return <span className="whitespace-nowrap tabular-nums">{text}</span>;
  return (
    <span
      className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold tabular-nums text-red-700 ring-1 ring-inset ring-red-600/20"
      title="Waiting more than 2 days"
    >
      <AlarmClock aria-hidden className="size-3.5" />
      {text}
      <span className="sr-only"> (more than 2 days)</span>
    </span>
  );
}
