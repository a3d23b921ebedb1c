import { EventStatsStrip } from "./event-stats-strip";
import { PublishEventCard } from "./publish-event-card";
import { RecentEventsCard } from "./recent-events-card";

export function EventsAdmin() {
  return (
    <div className="grid gap-6">
      <EventStatsStrip />
      <PublishEventCard />
      <RecentEventsCard />
    </div>
  );
}
