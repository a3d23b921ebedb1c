import { NotFoundPanel } from "@/components/feedback/not-found-panel";

export const metadata = { title: "Integration not found" };

export default function IntegrationNotFound() {
  return (
    <NotFoundPanel
      title="Integration not found"
      body="Your agency has no integration at this address. It may belong to another agency, or the link may be mistyped."
      back={{ href: "/installed", label: "Installed apps" }}
      home={{ href: "/marketplace", label: "Back to the marketplace" }}
    />
  );
}
