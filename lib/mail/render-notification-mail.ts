import { safeReturnPath } from "@/lib/http/safe-redirect";

// The mail a notification becomes: a plain-text part and an HTML part with the
// same words. Titles and bodies carry text people typed (app names, review
// replies, rejection reasons), so every piece of it is escaped before it meets
// HTML; the layout is a single table with inline styles because mail clients
// drop <style> blocks and external CSS.

export type NotificationMailInput = {
  title: string;
  body?: string;
  /** An app path ("/invoices/…") or an absolute URL on APP_URL's origin; anything else is dropped. */
  link?: string | null;
};

export type RenderedMail = { subject: string; text: string; html: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The absolute URL a mail links to: only places in the app itself, an app path
 * (one leading `/`) or an absolute URL on APP_URL's origin. A notification's
 * words can come from other people; a link to another host in a mail that
 * comes from us would lend our name to their page, and `javascript:` or a
 * protocol-relative `//host` would be a trap outright.
 */
export function absoluteLink(link: string | null | undefined, appUrl: string): string | null {
  if (!link) return null;
  const app = new URL(appUrl);
  const base = `${app.origin}${app.pathname.replace(/\/$/, "")}`;
  const path = safeReturnPath(link);
  if (path) return `${base}${path}`;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.origin !== app.origin || url.username || url.password) return null;
  // Judged by its path like an app path, so an encoded `//host` cannot ride along.
  return safeReturnPath(url.pathname + url.search + url.hash) ? url.toString() : null;
}

/** Mail headers take one line: a title with a line break would end the header early. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ").trim();
}

export function renderNotificationMail(input: NotificationMailInput, appUrl: string): RenderedMail {
  const subject = oneLine(input.title);
  const body = input.body?.trim() ?? "";
  const url = absoluteLink(input.link, appUrl);
  const home = appUrl.replace(/\/$/, "");

  const settings = `${home}${SETTINGS_PATH}`;
  const text = [subject, "", ...(body ? [body, ""] : []), ...(url ? [`Open in Portico: ${url}`, ""] : []), "—", FOOTER_TEXT, `Choose which mails you get: ${settings}`].join("\n");

  const paragraphs = body
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((p) => `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:#334155">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const button = url
    ? `<p style="margin:24px 0 8px"><a href="${escapeHtml(url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;font-size:14px;padding:10px 18px;border-radius:6px">Open in Portico</a></p>` +
      `<p style="margin:0;font-size:12px;color:#64748b">Or paste this link into your browser: <a href="${escapeHtml(url)}" style="color:#4f46e5">${escapeHtml(url)}</a></p>`
    : "";
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;padding:24px 12px"><tr><td align="center">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e2e8f0">` +
    `<tr><td style="padding:20px 28px;border-bottom:1px solid #e2e8f0;font-weight:700;font-size:16px;color:#0f172a">Portico</td></tr>` +
    `<tr><td style="padding:28px">` +
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:#0f172a">${escapeHtml(subject)}</h1>` +
    paragraphs +
    button +
    `</td></tr>` +
    `<tr><td style="padding:16px 28px;border-top:1px solid #e2e8f0;font-size:12px;color:#64748b">${escapeHtml(FOOTER_TEXT)} <a href="${escapeHtml(settings)}" style="color:#64748b">Choose which mails you get</a>.</td></tr>` +
    `</table></td></tr></table></body></html>`;

  return { subject, text, html };
}

const FOOTER_TEXT = "You get this mail because of your notification settings in Portico.";
/** The page where a user picks which notifications also come by mail. */
const SETTINGS_PATH = "/notifications/settings";
