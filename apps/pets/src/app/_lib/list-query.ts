import { BOOKING_STATUSES } from "@burrow/booking";
import { z } from "zod";

/**
 * The status filter and cursor of a list page's query string. An unknown status is dropped (the
 * whole list shows); the cursor goes on to the repository, whose schema rejects a malformed one.
 */
const ListQuery = z.object({
  status: z.enum(BOOKING_STATUSES).optional().catch(undefined),
  cursor: z
    .string()
    .min(1)
    .optional()
    .catch((ctx) => (Array.isArray(ctx.value) ? "malformed" : undefined)),
});

export type ListQuery = z.output<typeof ListQuery>;

export const listQuery = (query: Record<string, string | string[] | undefined>) => ListQuery.parse(query);
