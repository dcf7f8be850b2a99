"use server";

import { appUrl, signOut } from "@/auth";

/** Deletes the database session: both apps see the user signed out. */
export async function signOutEverywhere(): Promise<void> {
  await signOut({ redirectTo: appUrl("/") });
}
