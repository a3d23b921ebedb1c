import { ExternalLink, Mail } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Time } from "@/components/ui/time";
import type { ListingPage } from "@/lib/marketplace/schemas";
import { priceText } from "./browse-format";

// The listing's facts in one definition list: what version runs, how fresh it is, how many
// agencies use it, what it costs, and where to ask the partner. Partner links open in a new
// tab and pass no reputation (nofollow) or referrer.

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-2 py-2 first:pt-0 last:pb-0">
      <dt className="text-slate-600">{term}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function OutLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="nofollow noopener noreferrer" className="inline-flex max-w-full items-start gap-1 text-brand-700 underline-offset-2 hover:underline">
      <span className="min-w-0">{children}</span>
      <ExternalLink aria-hidden className="mt-0.5 size-3.5 shrink-0" />
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** An address that wraps after "@" and before each dot rather than mid-word, on narrow columns. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=@)|(?=\.)/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {p}
        </span>
      ))}
    </>
  );
}

/** Only https links are shown as links: a partner's URL is not trusted to be anything else. */
function safeHttps(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

export function ListingFacts({ listing, categoryName }: { listing: ListingPage; categoryName: string | null }) {
  const website = safeHttps(listing.websiteUrl);
  const privacy = safeHttps(listing.privacyPolicyUrl);
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      <Fact term="Version">{listing.version ?? <span className="text-slate-600">Not released</span>}</Fact>
      <Fact term="Last update">
        <Time value={listing.updatedAt} />
      </Fact>
      <Fact term="Installs">{listing.installCount.toLocaleString("en-US")}</Fact>
      <Fact term="Pricing">{priceText(listing.pricing)}</Fact>
      {listing.category && (
        <Fact term="Category">
          <Link href={`/marketplace/categories/${listing.category}`} className="text-brand-700 underline-offset-2 hover:underline">
            {categoryName ?? listing.category}
          </Link>
        </Fact>
      )}
      <Fact term="Partner">
        <Link href={`/marketplace/search?q=${encodeURIComponent(`"${listing.partner.name}"`)}`} className="text-brand-700 underline-offset-2 hover:underline">
          {listing.partner.name}
          <span className="sr-only">: more apps by this partner</span>
        </Link>
      </Fact>
      {listing.supportEmail && (
        <Fact term="Support">
          <a href={`mailto:${listing.supportEmail}`} className="inline-flex max-w-full items-start gap-1 text-brand-700 underline-offset-2 hover:underline">
            <Mail aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            <span className="min-w-0">
              <Breakable text={listing.supportEmail} />
            </span>
          </a>
        </Fact>
      )}
      {privacy && (
        <Fact term="Privacy">
          <OutLink href={privacy}>Privacy policy</OutLink>
        </Fact>
      )}
      {website && (
        <Fact term="Website">
          <OutLink href={website}>
            <Breakable text={new URL(website).host} />
          </OutLink>
        </Fact>
      )}
    </dl>
  );
}
