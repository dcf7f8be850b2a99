import { withUser } from "@/auth";

// The signed-in user as pets sees them: 401 JSON when signed out.
export const GET = withUser((_request, { user }) => Response.json({ user }));
