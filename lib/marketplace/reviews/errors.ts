import { DomainError } from "@/lib/errors";

/** 403: only members of an account that has the app installed (or removed it less than 45 days ago) review it. */
export class NotInstalled extends DomainError {
  constructor() {
    super("NOT_INSTALLED", "Only members of an account that has this app installed, or uninstalled it less than 45 days ago, can review it");
  }
}

/** 409: one review per user and listing; the author changes it with PATCH /marketplace/reviews/{id}. */
export class AlreadyReviewed extends DomainError {
  constructor(reviewId?: string) {
    super("ALREADY_REVIEWED", "You have already reviewed this app: change your review with PATCH /marketplace/reviews/{id}", [
      { path: "listing", message: reviewId ? `already reviewed (review ${reviewId})` : "already reviewed" },
    ]);
  }
}
