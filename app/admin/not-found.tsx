import { NotFoundPanel } from "@/components/feedback/not-found-panel";

export const metadata = { title: "Not found" };

// notFound() in an admin page: an unknown partner id, for one.
export default function AdminNotFound() {
  return (
    <NotFoundPanel
      title="Not found"
      body="Nothing has this id. It may have been mistyped, or the link may be out of date."
      home={{ href: "/admin/partners", label: "Back to Platform admin" }}
    />
  );
}
