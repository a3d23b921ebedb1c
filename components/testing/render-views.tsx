import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NuqsTestingAdapter } from "nuqs/adapters/testing";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

// Views rendered to HTML with their queries already answered (as the API would), for tests that
// check what a page says in each state without a browser.

/** A query key and the data its query resolved to. */
export type QuerySeed = [readonly unknown[], unknown];

export function renderWithQueries(ui: ReactNode, seeds: QuerySeed[] = [], search = ""): string {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  for (const [key, data] of seeds) client.setQueryData(key, data);
  return renderToStaticMarkup(
    <NuqsTestingAdapter searchParams={search}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </NuqsTestingAdapter>,
  );
}

/** The words of rendered HTML, tags dropped and the entities React escapes read back. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
