"use client";

import { useMutation } from "@tanstack/react-query";
import { LogIn, PencilLine, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/states";
import type { ReviewViewer } from "@/lib/marketplace/reviews/schemas";
import { ReviewForm } from "./review-form";
import { ReviewStars } from "./review-stars";

// The caller's part of the reviews: write one, change or delete theirs, or read why they cannot
// review (not signed in, no install, their own partner's app).

const reasons: Partial<Record<NonNullable<ReviewViewer["blocker"]>, string>> = {
  not_installed: "Install the app to review it. Members of agencies that use it, or stopped using it in the last 45 days, can review it.",
  own_partner: "This is your team's app: you cannot review it, but you can reply to reviews below.",
  not_a_person: "Reviews are written by people: sign in with your own account.",
  not_public: "This listing is not public: it takes no reviews.",
};

export function ReviewComposer({
  slug,
  listingName,
  viewer,
  signInHref,
  onChanged,
}: {
  slug: string;
  listingName: string;
  viewer: ReviewViewer;
  signInHref: string;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const own = viewer.review;
  const remove = useMutation({
    mutationFn: () => apiFetch(`/marketplace/reviews/${own!.id}`, { method: "DELETE" }),
    meta: { success: "Your review is deleted", error: false },
    onSuccess: () => {
      setConfirmDelete(false);
      onChanged();
    },
  });

  if (editing) {
    return (
      <div className="rounded-lg border border-slate-200 p-4">
        <h3 className="mb-3 text-sm font-semibold text-slate-900">{own ? "Edit your review" : `Review ${listingName}`}</h3>
        <ReviewForm
          slug={slug}
          existing={own}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      </div>
    );
  }

  if (own) {
    return (
      <div className="grid gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
        <p className="flex flex-wrap items-center gap-2 text-slate-800">
          <span className="font-medium">You reviewed this app</span>
          <ReviewStars rating={own.rating} />
        </p>
        {own.hidden && (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-amber-800">
            A moderator hid your review{own.hiddenReason ? `: ${own.hiddenReason}` : "."} Only you can see it; it does not count in the rating.
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            <PencilLine aria-hidden className="size-3.5" />
            Edit your review
          </Button>
          <Button variant="dangerOutline" size="sm" onClick={() => setConfirmDelete(true)}>
            <Trash2 aria-hidden className="size-3.5" />
            Delete your review…
          </Button>
        </div>
        <ConfirmDialog
          open={confirmDelete}
          title={`Delete your review of ${listingName}?`}
          confirmLabel="Delete review"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            setConfirmDelete(false);
            remove.reset();
          }}
        >
          <p>It leaves the listing and its rating, with its helpful votes and any reply. You can write a new one later.</p>
          {remove.isError && (
            <div className="mt-3">
              <ErrorState error={remove.error} />
            </div>
          )}
        </ConfirmDialog>
      </div>
    );
  }

  if (viewer.canReview) {
    return (
      <div className="grid content-start gap-2 text-sm">
        <p className="text-slate-700">Your agency uses {listingName}. Tell other agencies how it went.</p>
        <div>
          <Button onClick={() => setEditing(true)}>
            <PencilLine aria-hidden className="size-4" />
            Write a review
          </Button>
        </div>
      </div>
    );
  }

  if (viewer.blocker === "sign_in") {
    return (
      <div className="grid content-start gap-2 text-sm">
        <p className="text-slate-700">Agencies that use {listingName} review it here.</p>
        <div>
          <Link
            href={signInHref}
            className="inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            <LogIn aria-hidden className="size-4" />
            Sign in to review
          </Link>
        </div>
      </div>
    );
  }

  const reason = viewer.blocker ? reasons[viewer.blocker] : undefined;
  return reason ? <p className="text-sm text-slate-600">{reason}</p> : null;
}
