// Web's calls into pets' internal API (pets owns every write to the `pets` schema), each with a
// fresh service token whose subject is the user the call acts for.
import { serviceCall } from "@burrow/observability/calls";
import { signServiceToken } from "@burrow/service-auth";
import { PetsApiError, retireUser, setListingVisibility } from "@burrow/service-auth/pets-api";
import type { z } from "zod";
import { env } from "../env";

/** Pets answered 4xx with a message meant for the user (e.g. 409: settle accepted stays first). */
export class PetsRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function post<R extends z.ZodType>(
  path: string,
  subject: string,
  response: R,
  body?: object,
): Promise<z.output<R>> {
  const token = await signServiceToken({ issuer: "web", audience: "pets", subject, ttlSeconds: 30 });
  const { res, payload } = await serviceCall("pets-api", "pets-api POST", async (trace) => {
    const res = await fetch(new URL(path, env("PETS_URL")), {
      method: "POST",
      headers: { ...trace, "x-service-token": token, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    const payload: unknown = await res.json().catch(() => ({}));
    // A 5xx is a failed call (the span and the error count say so); 4xx answers are pets' refusals.
    if (res.status >= 500) {
      throw new Error(`pets ${path} answered ${res.status}: ${PetsApiError.safeParse(payload).data?.error ?? ""}`);
    }
    return { res, payload };
  });
  const error = PetsApiError.safeParse(payload).data?.error;
  if (res.status >= 400 && res.status < 500 && res.status !== 401) {
    throw new PetsRefused(res.status, error ?? `pets refused (${res.status})`);
  }
  if (!res.ok) throw new Error(`pets ${path} answered ${res.status}: ${error ?? ""}`);
  return response.parse(payload);
}

export const petsClient = {
  /** Archives the user's listings and cancels their open requests (account deletion). */
  retireUser: (userId: string) => post(retireUser.path(userId), userId, retireUser.response),
  /** An admin hides or shows a listing; pets records who did it. */
  setListingHidden: (listingId: string, hidden: boolean, adminId: string) =>
    post(setListingVisibility.path(listingId), adminId, setListingVisibility.response, {
      hidden,
    } satisfies z.input<typeof setListingVisibility.body>),
};
