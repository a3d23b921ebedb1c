import type { ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";

// Partner-written Markdown, shown to every visitor: no raw HTML (react-markdown skips it
// unless told otherwise), the sanitizer's allow-list on what Markdown itself produces,
// links only to https or mailto, images only from absolute https URLs (a `javascript:`, `http:` or
// protocol-relative URL is dropped), and links
// that pass no reputation or referrer context (rel="nofollow ugc noopener").

const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["https", "mailto"], src: ["https"] },
};

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="nofollow ugc noopener noreferrer" target="_blank" className="text-brand-700 underline underline-offset-2">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // eslint-disable-next-line @next/next/no-img-element -- partner images from their own hosts, sizes unknown
  img: ({ src, alt }) => (typeof src === "string" && /^https:\/\//i.test(src) ? <img src={src} alt={alt ?? ""} loading="lazy" className="my-3 max-w-full rounded-md border border-slate-200" /> : null),
  p: ({ children }) => <p className="my-2 leading-relaxed">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal pl-6">{children}</ol>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em]">{children}</code>,
  blockquote: ({ children }) => <blockquote className="my-3 border-l-4 border-slate-200 pl-3 text-slate-600">{children}</blockquote>,
};

type HeadingTag = "h2" | "h3" | "h4" | "h5" | "h6";
const headingTags: HeadingTag[] = ["h2", "h3", "h4", "h5", "h6"];
const headingSizes = ["mt-6 mb-2 text-lg font-semibold", "mt-5 mb-2 text-base font-semibold", "mt-4 mb-1 font-semibold"];

/** `#`, `##`, `###` as headings starting at `top` (h2 under a page's h1; deeper inside a thread), so the outline stays in order. */
function headings(top: 2 | 3 | 4): Components {
  const at = (depth: number): HeadingTag => headingTags[Math.min(top - 2 + depth, headingTags.length - 1)];
  return Object.fromEntries(
    (["h1", "h2", "h3"] as const).map((md, depth) => {
      const Tag = at(depth);
      return [md, ({ children }: { children?: ReactNode }) => <Tag className={headingSizes[depth]}>{children}</Tag>];
    }),
  );
}

// Without images: an image is fetched by whoever reads the text, so in a private conversation (a
// support ticket) it would tell its host who read it and when. It shows as a link instead.
const imageAsLink: Components = {
  img: ({ src, alt }) =>
    typeof src === "string" && /^https:\/\//i.test(src) ? (
      <a href={src} rel="nofollow ugc noopener noreferrer" target="_blank" className="text-brand-700 underline underline-offset-2">
        {alt ? `Image: ${alt}` : "Image"}
      </a>
    ) : null,
};

// Code and long unbroken words (URLs, ids, stack traces) wrap or scroll inside the text, never widen the page.
const blocks: Components = {
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs [&>code]:bg-transparent [&>code]:p-0">{children}</pre>,
};

export function Markdown({
  children,
  headingLevel = 2,
  images = true,
}: {
  children: string;
  /** The level a `#` heading becomes: 2 under a page's h1 (a listing), deeper inside a section (a ticket's message). */
  headingLevel?: 2 | 3 | 4;
  /** False: images show as links and are never fetched (private conversations). */
  images?: boolean;
}) {
  const all: Components = { ...components, ...headings(headingLevel), ...blocks, ...(images ? {} : imageAsLink) };
  return (
    <div className="text-sm text-slate-800 [overflow-wrap:anywhere]">
      <ReactMarkdown rehypePlugins={[[rehypeSanitize, schema]]} components={all} skipHtml>
        {children}
      </ReactMarkdown>
    </div>
  );
}
