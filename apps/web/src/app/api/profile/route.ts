import { HTTP_STATUS, type Result } from "@burrow/http/result";
import { sameOriginJson } from "@burrow/http/same-origin";
import { appUrl, currentUser } from "@/auth";
import { type AccountProfile, getAccountProfile, updateAccountProfile } from "@/server/mongo/account-profile";

const signedOut = () => Response.json({ error: "Sign in to use this endpoint." }, { status: 401 });

/** `{ user, profile }`, or `{ error, fieldErrors? }` with the failure's status (503 while MongoDB is down). */
function answer(result: Result<AccountProfile>): Response {
  if (result.ok) return Response.json({ user: result.user, profile: result.profile });
  const { message, fieldErrors } = result;
  return Response.json(
    { error: message, ...(fieldErrors ? { fieldErrors } : {}) },
    { status: HTTP_STATUS[result.code] },
  );
}

/** `{ user, profile }` of the signed-in user; the profile is created on first access. */
export async function GET() {
  const user = await currentUser();
  if (!user) return signedOut();
  return answer(await getAccountProfile(user.id));
}

/**
 * Partial update of the profile; 400 with `fieldErrors` by path (`pets.0.name`) when any is invalid
 * (nothing is saved). Only from web's own pages, as JSON: 403 / 415 otherwise (sameOriginJson).
 */
export const PATCH = sameOriginJson(appUrl, async (request) => {
  const user = await currentUser();
  if (!user) return signedOut();
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "Send a JSON object" }, { status: 400 });
  }
  return answer(await updateAccountProfile(user.id, body));
});
