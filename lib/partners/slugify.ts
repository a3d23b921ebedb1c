/** A URL slug of a name; names with fewer than two slug characters get `<prefix>-` in front. */
export function slugify(name: string, prefix = "partner"): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return s.length >= 2 ? s : `${prefix}-${s}`.replace(/-$/, "");
}
