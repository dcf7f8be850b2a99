import { pill } from "@burrow/ui/classes";
import type { ComponentProps } from "react";

const TONES = {
  good: "text-success",
  pending: "text-warning",
  over: "text-danger",
} as const;

/** A status as text in a pill; the tone's colour only repeats what the text says. */
export function StatusPill({ tone, ...props }: ComponentProps<"span"> & { tone: keyof typeof TONES }) {
  return <span className={`${pill} border-current ${TONES[tone]}`} {...props} />;
}
