import { createAuth } from "@burrow/auth";

// Burrow's one Auth.js configuration, as the marketplace (which hosts the sign-in pages) runs it.
export const {
  handlers,
  proxy,
  signIn,
  signOut,
  currentUser,
  requireUser,
  requireAdmin,
  withAdmin,
  safeRedirect,
  appUrl,
  oauthProviders,
  mayRequestSignInLink,
} = createAuth("web");
