/**
 * Partners' logos and screenshots live on their own https hosts (the CSP's img-src allows
 * https:), and these runs are offline, so such images fail to load and the pages show their
 * fallbacks. Any listing a spec creates can show up on any page after it, whatever its host
 * (specs share one database), so the rule is "an https image on another origin", not a list of
 * demo hosts. Anything else from another origin (scripts, fonts, fetches) still counts.
 */
export function isPartnerMedia(url: string, resourceType: string, ownOrigin: string): boolean {
  if (resourceType !== "image") return false;
  try {
    const u = new URL(url);
    return u.protocol === "https:" && u.origin !== ownOrigin;
  } catch {
    return false;
  }
}
