import { currentUser } from "@/auth";
import { getAccountProfile, updateAccountProfile } from "@/server/mongo/account-profile";
import { HTTP_STATUS } from "@/server/mongo/result";

const signedOut = () => Response.json({ error: "Sign in to use this endpoint." }, { status: 401 });
const gone = () => Response.json({ error: "Your account no longer exists. Sign in again." }, { status: 404 });

/** `{ user, profile }` of the signed-in user; the profile is created on first access. */
export async function GET() {
  const user = await currentUser();
  if (!user) return signedOut();
  const body = await getAccountProfile(user.id);
  return body ? Response.json(body) : gone();
}

/** Partial update of the profile; 400 with `fieldErrors` when any field is invalid (nothing is saved). */
export async function PATCH(request: Request) {
  const user = await currentUser();
  if (!user) return signedOut();
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "Send a JSON object" }, { status: 400 });
  }
  const result = await updateAccountProfile(user.id, body);
  if (!result.ok) {
    const { message, fieldErrors } = result;
    return Response.json(
      { error: message, ...(fieldErrors ? { fieldErrors } : {}) },
      { status: HTTP_STATUS[result.code] },
    );
  }
  return Response.json({ user: result.user, profile: result.profile });
}
