import { CodeBlock } from "@/components/ui/code-block";

/** A payload or header set, pretty-printed and coloured when it is JSON (or a JSON string), with a copy button. */
export function JsonBlock({ value, label = "JSON" }: { value: unknown; label?: string }) {
  return <CodeBlock label={label} value={value} />;
}
