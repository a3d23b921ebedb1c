import { NotFoundPanel } from "@/components/feedback/not-found-panel";
import { AreaShell } from "@/components/shell/area-shell";
import { areas } from "@/components/shell/nav";
import { PublicHeader } from "@/components/shell/public-header";
import { getViewer, homeArea } from "./_server/viewer";

export const metadata = { title: "Page not found" };

// Any URL nothing answers (Next renders this with HTTP 404). Signed in, it is drawn in the
// viewer's own shell, so their navigation is right there; signed out, under the simple header.
export default async function NotFound() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <>
        <PublicHeader viewer={null} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          <NotFoundPanel home={{ href: "/", label: "Go to the home page" }} />
        </main>
      </>
    );
  }
  const area = homeArea(viewer);
  return (
    <AreaShell area={area} viewer={viewer}>
      <NotFoundPanel home={{ href: areas[area].home, label: `Back to ${areas[area].label}` }} />
    </AreaShell>
  );
}
