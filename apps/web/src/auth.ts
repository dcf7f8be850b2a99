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
} = createAuth("web", {
  // A new user gets their Mongo profile at once (user.created). Imported lazily so the proxy,
  // which also uses this module, does not load Mongoose.
  onUserCreated: async (userId) => {
    await (await import("./server/mongo/profile")).ensureProfile(userId);
  },
});
