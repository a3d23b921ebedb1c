// Shapes as the API returns them (JSON), for the portal's client components.
export const keyStatuses = ["active", "expiring", "revoked", "expired"] as const;
export type ApiKeyStatus = (typeof keyStatuses)[number];

export type ApiKey = {
  id: string;
  partnerId: string;
  name: string;
  prefix: string;
  last4: string;
  scopes: string[];
  status: ApiKeyStatus;
  /** The effective limit: the key's own, or its partner tier's. */
  ratelimitPerMinute: number;
  customRatelimit: boolean;
  expiresAt: string | null;
  graceEndsAt: string | null;
  lastUsedAt: string | null;
  createdBy: { id: string; name: string } | null;
  rotatedFromId: string | null;
  revokedAt: string | null;
  createdAt: string;
};

/** What POST /keys and POST /keys/{id}/rotate return: the only time the secret is visible. */
export type CreatedApiKey = {
  id: string;
  name: string;
  key: string;
  prefix: string;
  scopes: string[];
  status: ApiKeyStatus;
  ratelimitPerMinute: number;
  expiresAt: string | null;
  createdAt: string;
};

export type UsageDay = { day: string; calls: number; success: number; clientErrors: number; serverErrors: number };

export type UsageSeries = {
  from: string;
  to: string;
  totals: { calls: number; errors: number; errorRate: number };
  days: UsageDay[];
  byKey?: Array<{ keyId: string; name: string | null; days: Array<{ day: string; calls: number }> }>;
  byRouteGroup?: Array<{ routeGroup: string; calls: number }>;
};
