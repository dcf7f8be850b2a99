// Input schemas shared by forms and actions (no server code: safe in client components).
import { z } from "zod";

export const Screenname = z
  .string({ error: "Choose a screenname" })
  .trim()
  .min(3, "Use at least 3 characters")
  .max(30, "Use at most 30 characters")
  .regex(/^[a-z0-9_]+$/, "Use only lowercase letters, digits and underscores");

export const SignInEmail = z
  .string({ error: "Enter your e-mail address" })
  .trim()
  .min(1, "Enter your e-mail address")
  .max(254, "That e-mail address is too long")
  .pipe(z.email("Enter a valid e-mail address, like you@example.com"))
  .transform((v) => v.toLowerCase());

export const SetScreennameInput = z.object({ screenname: Screenname });
export const SignInInput = z.object({ email: SignInEmail, callbackUrl: z.string().max(2048).optional() });
