import { SiteDocument } from "@burrow/ui/site-header";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { currentUser, signInUrl } from "@/auth";
import { env } from "@/env";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Burrow for sitters", template: "%s · Burrow for sitters" },
  description: "Manage your Burrow listings, availability and booking requests.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header links to WEB_URL as configured where the app runs, not where it was built.
  await connection();
  const user = await currentUser();
  return (
    <SiteDocument header={<SiteHeader webUrl={env("WEB_URL").href} user={user} signInUrl={signInUrl("/me")} />}>
      {children}
    </SiteDocument>
  );
}
