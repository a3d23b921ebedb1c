import { ArrowLeft, FileQuestion } from "lucide-react";
import Link from "next/link";
import { primaryAction, secondaryAction, StatusPanel } from "./status-panel";

/** "Page not found" with a way back: to a list the missing thing would be in, and home. */
export function NotFoundPanel({
  title = "Page not found",
  body = "There is nothing at this address. It may have moved, or the link may be mistyped.",
  back,
  home,
}: {
  title?: string;
  body?: string;
  back?: { href: string; label: string };
  home: { href: string; label: string };
}) {
  return (
    <StatusPanel icon={FileQuestion} code="404" title={title}>
      <p>{body}</p>
      <p className="flex flex-wrap justify-center gap-3 pt-4">
        {back && (
          <Link href={back.href} className={primaryAction}>
            <ArrowLeft aria-hidden className="size-4" />
            {back.label}
          </Link>
        )}
        <Link href={home.href} className={back ? secondaryAction : primaryAction}>
          {back ? null : <ArrowLeft aria-hidden className="size-4" />}
          {home.label}
        </Link>
      </p>
    </StatusPanel>
  );
}
