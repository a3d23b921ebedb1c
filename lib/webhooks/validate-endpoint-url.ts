import { config } from "@/lib/config";
import { Invalid } from "@/lib/errors";
import { checkWebhookUrl, resolveAndCheck } from "./transport/url-guard";

/**
 * Refuses URLs we must not call: non-https (unless private URLs are allowed),
 * and hosts resolving to loopback, private, link-local or metadata addresses.
 * Checked again at delivery time, at connect, against DNS rebinding.
 */
export async function validateEndpointUrl(url: string): Promise<string> {
  const allowPrivate = config().WEBHOOK_ALLOW_PRIVATE_URLS;
  const checked = checkWebhookUrl(url, { allowPrivate });
  if (!checked.ok) throw new Invalid(`The webhook URL is not allowed: ${checked.reason}`, [{ path: "url", message: checked.reason }]);
  if (!allowPrivate) {
    const resolved = await resolveAndCheck(checked.url.hostname, { allowPrivate });
    if (!resolved.ok) throw new Invalid(`The webhook URL is not allowed: ${resolved.reason}`, [{ path: "url", message: resolved.reason }]);
  }
  return checked.url.toString();
}
