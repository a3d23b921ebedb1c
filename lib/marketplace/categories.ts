import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { Invalid } from "@/lib/errors";
import { listedWhere, listingJoins } from "./listing-item";
import type { Category } from "./schemas";

// The categories themselves are rows written by migration 0006, so every database has them.

/** GET /marketplace/categories: every category, in display order, with how many listings it holds now. */
export async function listCategories(db: Db): Promise<Category[]> {
  const rows = rowsOf<{ slug: string; name: string; description: string; n: number }>(
    await db.execute(sql`
      select c.slug, c.name, c.description, coalesce(n.n, 0)::int as n
      from listing_categories c
      left join (
        select l.category, count(*) as n from listings l ${listingJoins} where ${listedWhere} group by l.category
      ) n on n.category = c.slug
      order by c.sort_order, c.name`),
  );
  return rows.map((r) => ({ slug: r.slug, name: r.name, description: r.description, listingCount: Number(r.n) }));
}

export async function assertCategory(db: Db, slug: string) {
  const found = rowsOf(await db.execute(sql`select 1 from listing_categories where slug = ${slug}`));
  if (found.length === 0) throw new Invalid("Unknown category", [{ path: "category", message: "not a category slug from GET /marketplace/categories" }]);
}
