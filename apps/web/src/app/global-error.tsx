"use client";

import { GlobalErrorPage } from "@burrow/ui/global-error";
import "./globals.css";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GlobalErrorPage error={error} retry={retry} appName="Burrow" homeLabel="Back to Burrow" />;
}
