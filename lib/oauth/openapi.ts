import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { PageQuery } from "@/lib/pagination/cursor";
import { Authorization } from "./authorizations";
import { CreatedOAuthClient, CreateOAuthClient, ListOAuthClientsQuery, OAuthClient, UpdateOAuthClient } from "./schemas";

const tags = ["OAuth clients"];
const id = z.object({ id: z.uuid() });

export const oauthClientPaths: ZodOpenApiPathsObject = {
  "/oauth-clients": {
    get: op({ summary: "List OAuth clients", tags, scopes: ["read:applications"], query: ListOAuthClientsQuery, response: PageOf(OAuthClient, "OAuthClientPage") }),
    post: op({
      summary: "Register an OAuth client",
      tags,
      scopes: ["write:applications"],
      body: CreateOAuthClient,
      response: CreatedOAuthClient,
      status: 201,
      errors: [409],
      description:
        "Confidential clients get a `clientSecret` in this response only; only its SHA-256 is stored. Redirect URIs match exactly: https, or http for localhost, 127.0.0.1 and [::1]; no fragments or wildcards. Public clients cannot use client_credentials. Scopes cannot exceed the caller's and never include admin.",
    }),
  },
  "/oauth-clients/{id}": {
    get: op({ summary: "Get an OAuth client", tags, scopes: ["read:applications"], path: id, response: OAuthClient }),
    patch: op({
      summary: "Update an OAuth client",
      tags,
      scopes: ["write:applications"],
      path: id,
      body: UpdateOAuthClient,
      response: OAuthClient,
      errors: [409],
      description: "Disabling the client, or narrowing its scopes, revokes its tokens.",
    }),
    delete: op({ summary: "Delete an OAuth client", tags, scopes: ["write:applications"], path: id, status: 204, errors: [409], description: "Revokes every token of the client." }),
  },
  "/oauth-clients/{id}/rotate-secret": {
    post: op({
      summary: "Rotate a client secret",
      tags,
      scopes: ["write:applications"],
      path: id,
      response: CreatedOAuthClient,
      status: 201,
      errors: [409],
      description: "Issues a new `clientSecret` (shown once); the old one stops working at once. 409 for public clients.",
    }),
  },
};

const authorizationTags = ["Authorized apps"];

export const authorizationPaths: ZodOpenApiPathsObject = {
  "/authorizations": {
    get: op({
      summary: "List the apps you have authorized",
      tags: authorizationTags,
      query: PageQuery,
      response: PageOf(Authorization, "AuthorizationPage"),
      description: "Session only: the signed-in user's live OAuth consents, with the app, its partner, the granted scopes and when its tokens were last used.",
    }),
  },
  "/authorizations/{id}/revoke": {
    post: op({
      summary: "Revoke an authorized app",
      tags: authorizationTags,
      path: id,
      response: z.object({ id: z.uuid(), revoked: z.literal(true) }),
      description: "Session only: withdraws the consent and revokes every access and refresh token the app holds for this user and account.",
    }),
  },
};
