import { JobsAdmin } from "@/components/admin-jobs/jobs-admin";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Scheduled jobs" };

export default function AdminJobsPage() {
  return (
    <>
      <PageHeader
        title="Scheduled jobs"
        description="Periodic jobs (health checks, retention) and their runs. Each slot runs once across all instances; after downtime the latest missed slot runs once."
      />
      <JobsAdmin />
    </>
  );
}
