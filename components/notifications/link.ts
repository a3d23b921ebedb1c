import { safeReturnPath } from "@/lib/http/safe-redirect";

/** An in-app path, opened in place. */
export type NotificationTarget = { href: string };

/**
 * Where a notification's link may take the user: only somewhere in the app, given as a path
 * (`/support/…`) or as an absolute URL on the app's own origin, and opened in place either way.
 * Anything else, another host, `javascript:`, a protocol-relative `//host`, is no link at all: a
 * notification's text can come from other people, and a link in our own bell must not take
 * anyone to theirs.
 *
 * `appOrigin` is the app's origin; in the browser the page's own (it is served from APP_URL),
 * on the server none, so an absolute URL is no link there.
 */
export function notificationTarget(link: string | null | undefined, appOrigin: string | undefined = pageOrigin()): NotificationTarget | null {
  if (!link) return null;
  const path = safeReturnPath(link);
  if (path) return { href: path };
  if (!appOrigin) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.origin !== new URL(appOrigin).origin || url.username || url.password) return null;
  // Judged by its path like any app path, so an encoded `//host` cannot ride along.
  const own = safeReturnPath(url.pathname + url.search + url.hash);
  return own ? { href: own } : null;
}

function pageOrigin(): string | undefined {
  return typeof window === "undefined" ? undefined : window.location.origin;
}
