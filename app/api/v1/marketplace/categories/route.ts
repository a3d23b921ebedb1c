import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listCategories } from "@/lib/marketplace/categories";

export const GET = route({ auth: "public" }, async ({ db }) => ({ data: await listCategories(db) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
