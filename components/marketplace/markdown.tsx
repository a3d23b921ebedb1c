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
  h1: ({ children }) => <h2 className="mt-6 mb-2 text-lg font-semibold">{children}</h2>,
  h2: ({ children }) => <h3 className="mt-5 mb-2 text-base font-semibold">{children}</h3>,
  h3: ({ children }) => <h4 className="mt-4 mb-1 font-semibold">{children}</h4>,
  p: ({ children }) => <p className="my-2 leading-relaxed">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal pl-6">{children}</ol>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em]">{children}</code>,
  blockquote: ({ children }) => <blockquote className="my-3 border-l-4 border-slate-200 pl-3 text-slate-600">{children}</blockquote>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="text-sm text-slate-800">
      <ReactMarkdown rehypePlugins={[[rehypeSanitize, schema]]} components={components} skipHtml>
        {children}
      </ReactMarkdown>
    </div>
  );
}
