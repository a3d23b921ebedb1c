import type { DeliveryStatus } from "@/components/webhooks/types";

export type PlatformEvent = {
  id: string;
  type: string;
  data: Record<string, unknown>;
  accountId: string | null;
  accountName: string | null;
  partnerId: string | null;
  partnerName: string | null;
  createdAt: string;
};

export type EventDelivery = {
  id: string;
  endpointId: string;
  endpointUrl: string | null;
  endpointDescription: string | null;
  partnerId: string;
  partnerName: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

export type EventDetail = PlatformEvent & { deliveries: EventDelivery[] };

export type PublishedEvent = { id: string; type: string; createdAt: string; deliveries: number };

export type EventStats = {
  from: string;
  to: string;
  total: number;
  byType: { type: string; count: number }[];
  deliveries: Record<DeliveryStatus, number>;
};

export type TargetKind = "none" | "partner" | "account";
