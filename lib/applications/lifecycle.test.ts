import { describe, expect, it } from "vitest";
import { applicationStatus } from "@/db/schema/enums";
import { DomainError, InvalidTransition } from "@/lib/errors";
import {
  actionsFor,
  applicationActions,
  applicationStatuses,
  isDeletable,
  nextStatus,
  statusAfterEdit,
  type ApplicationAction,
  type ApplicationStatus,
} from "./lifecycle";

// The contract's lifecycle, written out as the pairs that are allowed; every other
// (status, action) pair must be refused with 409 INVALID_TRANSITION naming the status.
const allowed: Record<string, ApplicationStatus> = {
  "draft submit": "submitted",
  "submitted review": "in_review",
  "in_review approve": "approved",
  "submitted reject": "rejected",
  "in_review reject": "rejected",
  "approved publish": "published",
  "published deprecate": "deprecated",
};

describe("application lifecycle", () => {
  for (const status of applicationStatuses) {
    for (const action of applicationActions) {
      const to = allowed[`${status} ${action}`];
      it(`${status} —${action}→ ${to ?? "409 INVALID_TRANSITION"}`, () => {
        if (to) {
          expect(nextStatus(status, action)).toBe(to);
          return;
        }
        const err = (() => {
          try {
            nextStatus(status, action);
          } catch (e) {
            return e;
          }
        })();
        expect(err).toBeInstanceOf(InvalidTransition);
        const e = err as InvalidTransition & DomainError;
        expect(e.status).toBe(409);
        expect(e.code).toBe("INVALID_TRANSITION");
        expect(e.currentStatus).toBe(status);
        expect(e.errors).toEqual([{ path: "status", message: `is ${status}` }]);
        expect(e.message).toContain(status.replace(/_/g, " "));
      });
    }
  }

  it("knows exactly the statuses the database enum holds", () => {
    expect([...applicationStatuses]).toEqual(applicationStatus.enumValues);
  });

  it("offers each actor only its own steps", () => {
    // Before the first publish the app and its one version move together.
    const allowedActions = (status: ApplicationStatus, actor: "partner" | "admin") => actionsFor(status, { id: "v1", status }, null, [actor]);
    expect(allowedActions("draft", "partner")).toEqual(["submit"]);
    expect(allowedActions("draft", "admin")).toEqual([]);
    expect(allowedActions("submitted", "admin")).toEqual(["review", "reject"]);
    expect(allowedActions("submitted", "partner")).toEqual([]);
    expect(allowedActions("in_review", "admin")).toEqual(["approve", "reject"]);
    expect(allowedActions("approved", "partner")).toEqual(["publish"]);
    expect(allowedActions("approved", "admin")).toEqual([]);
    expect(allowedActions("published", "partner")).toEqual(["deprecate"]);
    expect(allowedActions("published", "admin")).toEqual(["deprecate"]);
    for (const actor of ["partner", "admin"] as const) {
      expect(allowedActions("rejected", actor)).toEqual([]);
      expect(allowedActions("deprecated", actor)).toEqual([]);
    }
  });

  it("offers the steps of a published app's pending version, and deprecation of the app itself", () => {
    const live = { id: "v1" };
    expect(actionsFor("published", { id: "v2", status: "submitted" }, live, ["admin"])).toEqual(["review", "reject", "deprecate"]);
    expect(actionsFor("published", { id: "v2", status: "draft" }, live, ["partner"])).toEqual(["submit", "deprecate"]);
    expect(actionsFor("published", { id: "v1", status: "published" }, live, ["partner"])).toEqual(["deprecate"]);
    expect(actionsFor("deprecated", { id: "v2", status: "submitted" }, live, ["admin", "partner"])).toEqual([]);
  });

  it("every offered action is one nextStatus accepts", () => {
    const allowedActions = (status: ApplicationStatus, actor: "partner" | "admin") => actionsFor(status, { id: "v1", status }, null, [actor]);
    for (const status of applicationStatuses) {
      for (const actor of ["partner", "admin"] as const) {
        for (const action of allowedActions(status, actor)) expect(() => nextStatus(status, action as ApplicationAction)).not.toThrow();
      }
    }
  });

  it("an edit returns a rejected application to draft and leaves the others", () => {
    for (const s of applicationStatuses) expect(statusAfterEdit(s)).toBe(s === "rejected" ? "draft" : s);
  });

  it("only a never-published application is deletable", () => {
    expect(isDeletable({ publishedAt: null })).toBe(true);
    expect(isDeletable({ publishedAt: new Date() })).toBe(false);
  });
});
