import { safeReturnPath } from "@/lib/http/safe-redirect";

export type NotificationTarget = { href: string; external: boolean };

/**
 * Where a notification's link may take the user: a path in the app (opened in place), or an
 * http(s) URL (opened as an external link). Anything else, `javascript:` or a protocol-relative
 * `//host`, is no link at all: a notification's text can come from other people.
 */
export function notificationTarget(link: string | null | undefined): NotificationTarget | null {
  if (!link) return null;
  const path = safeReturnPath(link);
  if (path) return { href: path, external: false };
  try {
    const url = new URL(link);
    if ((url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password) return { href: url.toString(), external: true };
  } catch {
    // not a URL: no link
  }
  return null;
}
