import { ArrowLeft, Lock } from "lucide-react";
import Link from "next/link";
import type { PartnerRole } from "@/lib/partners/schemas";
import { primaryAction, StatusPanel } from "./status-panel";

export type AccessNeed =
  | { admin: true }
  | { partner: true }
  | { customer: true }
  | { role: PartnerRole | PartnerRole[] };

type SignedInAs = "platform admin" | "partner" | "customer" | "user";

const article = (w: string) => (/^[aeiou]/i.test(w) ? "an" : "a");

function joinRoles(roles: PartnerRole[]): string {
  return roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(", ")} or ${roles[roles.length - 1]}`;
}

/**
 * A page the signed-in user may not see, said plainly and inside their shell, with the way
 * back: instead of a silent redirect. HTTP stays 200 (the layouts cannot set 403); nothing of
 * the page's data is rendered or fetched.
 */
export function NoAccess({
  need,
  signedInAs,
  orgName,
  currentRole,
  home,
}: {
  need: AccessNeed;
  signedInAs: SignedInAs;
  /** The partner or agency the user acts for, when there is one. */
  orgName?: string | null;
  currentRole?: PartnerRole | null;
  home: { href: string; label: string };
}) {
  let title: string;
  let body: string;
  if ("admin" in need) {
    title = "Admins only";
    body = `This page is for Portico platform admins. You are signed in as ${article(signedInAs)} ${signedInAs}${orgName ? ` (${orgName})` : ""}.`;
  } else if ("partner" in need) {
    title = `This page is for partners — you are signed in as ${article(signedInAs)} ${signedInAs}`;
    body = "Apps, API keys, OAuth clients, webhooks and the rest of the partner portal belong to members of a partner company.";
  } else if ("customer" in need) {
    title = `This page is for customers — you are signed in as ${article(signedInAs)} ${signedInAs}`;
    body = "Installed and authorized apps belong to members of an agency that uses the marketplace.";
  } else {
    const roles = Array.isArray(need.role) ? need.role : [need.role];
    title = `You need the ${joinRoles(roles)} role`;
    body = currentRole
      ? `Your role${orgName ? ` in ${orgName}` : ""} is ${currentRole}. An owner or admin of your partner can change it in Settings.`
      : "Ask an owner or admin of your partner to give you that role.";
  }
  return (
    <StatusPanel icon={Lock} code="No access" title={title} tone="warning">
      <p>{body}</p>
      <p className="pt-2">
        <Link href={home.href} className={primaryAction}>
          <ArrowLeft aria-hidden className="size-4" />
          Back to {home.label}
        </Link>
      </p>
    </StatusPanel>
  );
}
