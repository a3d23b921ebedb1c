import { Badge } from "@/components/ui/badge";
import type { JobRunStatus } from "./types";

export function RunStatusBadge({ status }: { status: JobRunStatus }) {
  return <Badge tone={status === "running" ? "blue" : status === "succeeded" ? "green" : "red"}>{status}</Badge>;
}
