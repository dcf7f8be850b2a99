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
/**
 * Where to go after signing in. Anything but one string of at most 2048 characters reads as absent,
 * and the redirect rule sends any other value home: never an error the user cannot see or fix.
 */
export const CallbackUrl = z.string().max(2048).optional().catch(undefined);

export const SignInInput = z.object({ email: SignInEmail, callbackUrl: CallbackUrl });
