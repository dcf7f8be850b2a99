import { linkify } from "@/lib/linkify";

/** A message's text: plain, line breaks kept, https addresses as links that pass on no referrer or standing. */
export function MessageText({ body }: { body: string }) {
  return (
    <p className="m-0 whitespace-pre-wrap wrap-anywhere" data-testid="message-body">
      {linkify(body).map((run, i) =>
        run.kind === "link" ? (
          <a key={i} href={run.href} rel="nofollow noopener noreferrer ugc" target="_blank">
            {run.text}
          </a>
        ) : (
          run.text
        ),
      )}
    </p>
  );
}
