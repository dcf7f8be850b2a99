import { SiteDocument } from "@burrow/ui/site-header";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { currentUser } from "@/auth";
import { env } from "@/env";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Burrow", template: "%s · Burrow" },
  description: "Find a trusted sitter for your pets.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header links to PETS_URL as configured where the app runs, not where it was built.
  await connection();
  const user = await currentUser();
  return <SiteDocument header={<SiteHeader petsUrl={env("PETS_URL").href} user={user} />}>{children}</SiteDocument>;
}
