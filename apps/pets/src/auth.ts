import { createAuth } from "@burrow/auth";

// Burrow's one Auth.js configuration, as the sitter app runs it: sign-in happens on web.
export const {
  handlers,
  proxy,
  signOut,
  currentUser,
  requireUser,
  requireRole,
  withUser,
  signInUrl,
  appUrl,
  safeRedirect,
} = createAuth("pets");
