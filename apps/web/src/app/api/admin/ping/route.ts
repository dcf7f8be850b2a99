import { withAdmin } from "@/auth";

// A minimal admin-only endpoint: 401 JSON when signed out, 403 JSON for non-admins.
export const GET = withAdmin((_request, { user }) => Response.json({ ok: true, admin: user.email }));
