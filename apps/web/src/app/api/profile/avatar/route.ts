import { HTTP_STATUS, type Result } from "@burrow/http/result";
import { sameOriginJson } from "@burrow/http/same-origin";
import { appUrl, currentUser } from "@/auth";
import { finishAvatarUpload, startAvatarUpload } from "@/server/avatar";

const signedOut = () => Response.json({ error: "Sign in to use this endpoint." }, { status: 401 });

async function answer<T extends object>(request: Request, run: (userId: string, body: unknown) => Promise<Result<T>>) {
  const user = await currentUser();
  if (!user) return signedOut();
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "Send a JSON object" }, { status: 400 });
  }
  const result = await run(user.id, body);
  if (result.ok) {
    const { ok: _, ...payload } = result;
    return Response.json(payload);
  }
  const { message, fieldErrors } = result;
  return Response.json(
    { error: message, ...(fieldErrors ? { fieldErrors } : {}) },
    { status: HTTP_STATUS[result.code] },
  );
}

/** `{ contentType }` → `{ upload: { uploadId, url, fields, expiresAt } }`: POST the file to `url` with `fields`. */
export const POST = sameOriginJson(appUrl, (request) => answer(request, startAvatarUpload));

/** `{ uploadId }` once the upload is in storage → `{ avatar }` (its srcset); 413/415 for what is not a photo we take. */
export const PUT = sameOriginJson(appUrl, (request) => answer(request, finishAvatarUpload));
