import "server-only";
import { listingRepository } from "@burrow/db";
import { notFound } from "next/navigation";
import { requireRole } from "@/auth";

/**
 * The signed-in sitter's listing `id` for a sitter page; anyone else's listing (or a malformed
 * id) is a 404, so its existence does not leak.
 */
export async function sitterListing(id: string, returnTo: string) {
  const sitter = await requireRole("SITTER", { returnTo });
  const result = await listingRepository().findForSitter(id, sitter.id);
  if (!result.ok) notFound();
  return { sitter, listing: result.listing };
}
