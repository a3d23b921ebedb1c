import type { Metadata } from "next";
import { cache } from "react";
import { ReviewDetail } from "@/components/admin-reviews/review-detail";
import { getDb } from "@/db";
import { getApplication } from "@/lib/applications/application-queries";
import { checkDescriptions } from "@/lib/applications/security-checks";
import { allScopes } from "@/lib/auth/scopes";
import { describeScope } from "@/lib/oauth/consent";
import { orNotFound } from "../../../_server/or-not-found";
import { requireViewer } from "../../../_server/viewer";

// Looked up once per request (metadata and page share it): an unknown or malformed id is the admin
// area's 404 page with HTTP 404. The page itself reads the app over the API, like every admin page.
const applicationFor = cache(async (id: string) => {
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) return null; // the admin layout answers "Admins only"
  return orNotFound(getApplication(await getDb(), viewer.principal, id));
});

// Words for scopes and checks live with the server-side code (consent, security checks); the
// browser gets them as plain data.
const scopeWords = Object.fromEntries(allScopes.map((s) => [s, describeScope(s)]));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const app = await applicationFor(id);
  return { title: app ? `${app.name} · Review` : "Review" };
}

export default async function AdminReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await applicationFor(id);
  return <ReviewDetail applicationId={id} scopeWords={scopeWords} checkDescriptions={checkDescriptions} />;
}
