import "server-only";
import { notFound } from "next/navigation";
import { NotFound } from "@/lib/errors";

/** A domain lookup for a page: its NotFound becomes the area's 404 page (HTTP 404), not an error panel. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof NotFound) notFound();
    throw err;
  }
}
