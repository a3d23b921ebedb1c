import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getForecast } from "@/lib/billing/forecast/get-forecast";
import { ForecastQuery } from "@/lib/billing/schemas";

export const GET = route({ scopes: ["read:billing"], query: ForecastQuery }, ({ db, principal, query }) => getForecast(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
