import { and, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { partnerContacts } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import { afterCursor, cursorOrder, toPage, type Page, type PageQuery } from "@/lib/pagination/cursor";
import { getPartnerRow } from "./get-partner";
import type { Contact, CreateContact, UpdateContact } from "./schemas";
import { toContact } from "./to-dto";

// Contacts are small and always handled together, so their four operations share this file.

export async function listContacts(db: Db, principal: Principal, partnerId: string, q: PageQuery): Promise<Page<Contact>> {
  await getPartnerRow(db, principal, partnerId);
  const rows = await db
    .select()
    .from(partnerContacts)
    .where(and(eq(partnerContacts.partnerId, partnerId), afterCursor(partnerContacts.createdAt, partnerContacts.id, q.cursor)))
    .orderBy(...cursorOrder(partnerContacts.createdAt, partnerContacts.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toContact);
}

/** Making a contact primary demotes the previous primary of that kind, in the same transaction. */
async function demotePrimary(tx: Tx, partnerId: string, kind: Contact["kind"], except?: string) {
  await tx
    .update(partnerContacts)
    .set({ isPrimary: false, updatedAt: new Date() })
    .where(
      and(
        eq(partnerContacts.partnerId, partnerId),
        eq(partnerContacts.kind, kind),
        eq(partnerContacts.isPrimary, true),
        except ? ne(partnerContacts.id, except) : undefined,
      ),
    );
}

export async function createContact(db: Db, principal: Principal, partnerId: string, input: CreateContact): Promise<Contact> {
  await getPartnerRow(db, principal, partnerId);
  return db.transaction(async (tx) => {
    if (input.isPrimary) await demotePrimary(tx, partnerId, input.kind);
    const [row] = await tx
      .insert(partnerContacts)
      .values({ partnerId, ...input, phone: input.phone ?? null, title: input.title ?? null })
      .returning();
    return toContact(row);
  });
}

async function contactRow(db: Db, partnerId: string, contactId: string) {
  if (!isUuid(contactId)) throw new NotFound("Contact");
  const [row] = await db
    .select()
    .from(partnerContacts)
    .where(and(eq(partnerContacts.id, contactId), eq(partnerContacts.partnerId, partnerId)))
    .limit(1);
  if (!row) throw new NotFound("Contact");
  return row;
}

export async function updateContact(
  db: Db,
  principal: Principal,
  partnerId: string,
  contactId: string,
  input: UpdateContact,
): Promise<Contact> {
  await getPartnerRow(db, principal, partnerId);
  const current = await contactRow(db, partnerId, contactId);
  return db.transaction(async (tx) => {
    const kind = input.kind ?? current.kind;
    if (input.isPrimary ?? current.isPrimary) await demotePrimary(tx, partnerId, kind, contactId);
    const [row] = await tx
      .update(partnerContacts)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(partnerContacts.id, contactId), eq(partnerContacts.partnerId, partnerId)))
      .returning();
    return toContact(row);
  });
}

export async function deleteContact(db: Db, principal: Principal, partnerId: string, contactId: string): Promise<void> {
  await getPartnerRow(db, principal, partnerId);
  await contactRow(db, partnerId, contactId);
  await db.delete(partnerContacts).where(and(eq(partnerContacts.id, contactId), eq(partnerContacts.partnerId, partnerId)));
}
