"use server";

import { appUrl, signOut } from "@/auth";

/** Deletes the shared database session: web sees the user signed out too. */
export async function signOutEverywhere(): Promise<void> {
  await signOut({ redirectTo: appUrl("/") });
}
