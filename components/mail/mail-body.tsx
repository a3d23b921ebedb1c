"use client";

import { parseAsStringLiteral, useQueryState } from "nuqs";
import { Tabs } from "radix-ui";

const tabClass =
  "-mb-px border-b-2 border-transparent px-1 pb-2 pt-1 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-brand-600 data-[state=active]:text-brand-700";

/**
 * A mail's two bodies, one at a time (`?body=html` in the URL for the HTML). The HTML is drawn
 * in a frame with every sandbox flag off (`sandbox=""`): no scripts, no forms, no popups, and an
 * opaque origin, so a message that carries markup from a user's text cannot reach this page, its
 * cookies or the API.
 *
 * The text is shown first and the frame is only mounted when the HTML is asked for: a mail's
 * remote images (tracking pixels included) are not fetched just by opening the message, and
 * tools that run scripts inside every frame (axe-core's accessibility checks) wait forever on a
 * frame whose scripts are off, so the page they check by default has none.
 */
export function MailBody({ subject, html, text }: { subject: string; html: string; text: string }) {
  const [view, setView] = useQueryState("body", parseAsStringLiteral(["html"]));
  return (
    <Tabs.Root value={view ?? "text"} onValueChange={(v) => void setView(v === "html" ? "html" : null)}>
      <Tabs.List aria-label="Body format" className="mb-4 flex gap-4 border-b border-slate-200">
        <Tabs.Trigger value="text" className={tabClass}>
          Text
        </Tabs.Trigger>
        <Tabs.Trigger value="html" className={tabClass}>
          HTML
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="html" className="outline-none">
        {html ? (
          <>
            <iframe
              sandbox=""
              srcDoc={html}
              title={`HTML body: ${subject}`}
              referrerPolicy="no-referrer"
              className="h-[32rem] w-full rounded-md border border-slate-200 bg-white"
              data-testid="mail-html"
            />
            <p className="mt-2 text-xs text-slate-600">A preview: links and scripts in it do not run here.</p>
          </>
        ) : (
          <p className="text-sm text-slate-600">This message has no HTML body.</p>
        )}
      </Tabs.Content>
      <Tabs.Content value="text" className="outline-none">
        <pre
          tabIndex={0}
          aria-label="Text body"
          className="max-h-[32rem] overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-xs leading-5 text-slate-800 [overflow-wrap:anywhere]"
          data-testid="mail-text"
        >
          {text}
        </pre>
      </Tabs.Content>
    </Tabs.Root>
  );
}
