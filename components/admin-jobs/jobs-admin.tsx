import { RunsCard } from "./runs-card";
import { SchedulesCard } from "./schedules-card";

export function JobsAdmin() {
  return (
    <div className="grid gap-6">
      <SchedulesCard />
      <RunsCard />
    </div>
  );
}
