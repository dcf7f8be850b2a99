import { z } from "zod";

// Query strings are user input: anything but one short string reads as absent.
const param = z.string().max(2048).optional().catch(undefined);

export const AuthPageQuery = z.object({ callbackUrl: param, error: param });

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
