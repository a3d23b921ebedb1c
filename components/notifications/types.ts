// The notifications API's shapes as the browser reads them (lib/notifications/schemas.ts is the
// source; plain types here, so no zod schema is bundled into the client).

export type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** Where the notification leads: an app path, or null. */
  link?: string | null;
  readAt: string | null;
  createdAt: string;
};

export type Inbox = { data: Notification[]; nextCursor: string | null; unread: number };

export type NotificationPreference = {
  kind: string;
  label: string;
  description: string;
  group: string;
  mail: boolean;
  defaultMail: boolean;
};

export type PreferenceList = { data: NotificationPreference[] };
