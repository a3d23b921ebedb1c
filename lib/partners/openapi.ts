import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { PageQuery } from "@/lib/pagination/cursor";
import {
  ActivityEntry,
  Agreement,
  ChangePartnerStatus,
  Contact,
  CreateContact,
  CreatePartner,
  IssueAgreement,
  ListPartnersQuery,
  Partner,
  PartnerStats,
  SuspendPartner,
  UpdateContact,
  UpdatePartner,
} from "./schemas";

const tags = ["Partners"];
const id = z.object({ id: z.uuid() });
const contactPath = id.extend({ contactId: z.uuid() });
const agreementPath = id.extend({ agreementId: z.uuid() });

export const partnerPaths: ZodOpenApiPathsObject = {
  "/partners": {
    get: op({ summary: "List partners", tags, scopes: ["read:partners"], query: ListPartnersQuery, response: PageOf(Partner, "PartnerPage"), description: "Admins see every partner; members see their own." }),
    post: op({ summary: "Create a partner", tags, body: CreatePartner, response: Partner, status: 201, errors: [409], description: "Admins create partners; a signed-in user without a partner creates their own (pending) and becomes its owner." }),
  },
  "/partners/{id}": {
    get: op({ summary: "Get a partner", tags, scopes: ["read:partners"], path: id, response: Partner }),
    patch: op({ summary: "Update a partner", tags, scopes: ["write:partners"], path: id, body: UpdatePartner, response: Partner }),
  },
  "/partners/{id}/activate": {
    post: op({ summary: "Activate (approve) a partner", tags, admin: true, path: id, body: ChangePartnerStatus, response: Partner, errors: [409] }),
  },
  "/partners/{id}/suspend": {
    post: op({ summary: "Suspend a partner", tags, admin: true, path: id, body: SuspendPartner, response: Partner, errors: [409] }),
  },
  "/partners/{id}/stats": {
    get: op({ summary: "Counts of a partner's apps, keys, endpoints, installs and tickets", tags, scopes: ["read:partners"], path: id, response: PartnerStats }),
  },
  "/partners/{id}/activity": {
    get: op({
      summary: "Recent activity (the audit log), newest first",
      tags,
      scopes: ["read:partners"],
      path: id,
      query: PageQuery,
      response: PageOf(ActivityEntry, "ActivityPage"),
      description: "Every mutation made by the partner's members, keys and OAuth clients, or by Portico's staff on the partner, with the actor named.",
    }),
  },
  "/partners/{id}/contacts": {
    get: op({ summary: "List contacts", tags, scopes: ["read:partners"], path: id, query: PageQuery, response: PageOf(Contact, "ContactPage") }),
    post: op({ summary: "Add a contact", tags, scopes: ["write:partners"], path: id, body: CreateContact, response: Contact, status: 201, description: "A new primary contact demotes the previous primary of the same kind." }),
  },
  "/partners/{id}/contacts/{contactId}": {
    patch: op({ summary: "Update a contact", tags, scopes: ["write:partners"], path: contactPath, body: UpdateContact, response: Contact }),
    delete: op({ summary: "Delete a contact", tags, scopes: ["write:partners"], path: contactPath, status: 204 }),
  },
  "/partners/{id}/agreements": {
    get: op({ summary: "List agreements", tags, scopes: ["read:partners"], path: id, query: PageQuery, response: PageOf(Agreement, "AgreementPage") }),
    post: op({ summary: "Issue an agreement version", tags, admin: true, path: id, body: IssueAgreement, response: Agreement, status: 201, errors: [409] }),
  },
  "/partners/{id}/agreements/{agreementId}/accept": {
    post: op({ summary: "Accept an agreement", tags, path: agreementPath, response: Agreement, errors: [409], idempotent: true, description: "The partner's owner, signed in to the portal. Records who accepted, when and from where." }),
  },
};
