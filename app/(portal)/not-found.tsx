import { NotFoundPanel } from "@/components/feedback/not-found-panel";

export const metadata = { title: "Not found" };

// notFound() in a portal page (an id that is not there, or not this partner's).
export default function PortalNotFound() {
  return (
    <NotFoundPanel
      title="Not found"
      body="It does not exist, or it belongs to another partner. Check the link, or find it from the dashboard."
      home={{ href: "/dashboard", label: "Back to the dashboard" }}
    />
  );
}
