import { CopyButton } from "@/components/ui/copy-button";

export function SecretValue({ secret, testId, onCopied }: { secret: string; testId?: string; onCopied?: () => void }) {
  return (
    <div className="flex items-start gap-2">
      <code
        data-testid={testId}
        className="block min-w-0 flex-1 select-all break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-emerald-300"
      >
        {secret}
      </code>
      <CopyButton value={secret} onCopied={onCopied} />
    </div>
  );
}
