import { NotFoundPanel } from "@/components/feedback/not-found-panel";

export const metadata = { title: "Not found" };

export default function MarketplaceNotFound() {
  return (
    <NotFoundPanel
      title="Not found"
      body="This app or page is not in the marketplace. It may have been unlisted, or the link may be mistyped."
      home={{ href: "/marketplace", label: "Back to the marketplace" }}
    />
  );
}
