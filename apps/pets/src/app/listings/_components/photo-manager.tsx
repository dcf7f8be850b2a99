"use client";

import { actions } from "@burrow/ui/classes";
import { useRouter } from "next/navigation";
import { type FormEvent, useActionState, useEffect, useId, useRef, useState } from "react";
import type { FormState } from "@/lib/form-state";
import { FieldError, invalidProps } from "../../_components/form-feedback";
import { ListingPhoto, type PhotoImage } from "../../_components/listing-photo";
import { movePhoto, removePhoto, setPhotoAlt } from "../photo-actions";

// The sitter's photos on the edit page. Uploading needs JavaScript (the browser posts the file
// straight to storage with a presigned POST, then pets processes it); describing, reordering and
// deleting are plain forms that also work without it. Every outcome is announced in one live region.

const MAX_PHOTOS = 10;
const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/avif"];

export type ManagedPhoto = PhotoImage & { id: string };

interface Chosen {
  key: string;
  file: File;
  alt: string;
  error?: string;
}

/** What the browser can tell before asking the server (which checks again, and the bytes). */
function precheck(file: File): string | undefined {
  if (!TYPES.includes(file.type)) return "Only JPEG, PNG, WebP, HEIC or AVIF photos can be uploaded.";
  if (file.size > MAX_BYTES) return "Photos may be at most 10 MB.";
  return undefined;
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string[]> };
  const fields = Object.values(body.fieldErrors ?? {}).flat();
  return [body.error, ...fields].filter(Boolean).join(" ") || `The server answered ${response.status}.`;
}

/** Presign, POST to storage, finish: the error to show, or undefined once the photo is on the listing. */
async function uploadOne(listingId: string, { file, alt }: Chosen): Promise<string | undefined> {
  const api = `/api/listings/${encodeURIComponent(listingId)}/photos`;
  const headers = { "content-type": "application/json" };
  const presign = await fetch(`${api}/uploads`, {
    method: "POST",
    headers,
    body: JSON.stringify({ contentType: file.type, size: file.size }),
  });
  if (!presign.ok) return errorOf(presign);
  const { uploadId, url, fields } = (await presign.json()) as {
    uploadId: string;
    url: string;
    fields: Record<string, string>;
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", file);
  const stored = await fetch(url, { method: "POST", body: form }).catch(() => null);
  if (!stored) return "The photo storage could not be reached. Please try again.";
  if (!stored.ok) {
    return (await stored.text()).includes("EntityTooLarge")
      ? "Photos may be at most 10 MB."
      : `The photo storage refused the upload (${stored.status}). Please try again.`;
  }
  const finish = await fetch(api, { method: "POST", headers, body: JSON.stringify({ uploadId, alt }) });
  return finish.ok ? undefined : errorOf(finish);
}

export function PhotoManager({ listingId, photos }: { listingId: string; photos: ManagedPhoto[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [removeState, removeAction, removing] = useActionState(removePhoto, {} as FormState);
  const room = MAX_PHOTOS - photos.length;
  useAnnounce(removeState, setStatus);
  // The deleted photo's buttons are gone: the keyboard continues from the section's heading.
  useEffect(() => {
    if (removeState.done) heading.current?.focus();
  }, [removeState]);

  const choose = (files: FileList | null) => {
    const picked = [...(files ?? [])].map((file) => ({
      key: `${file.name}-${file.size}-${file.lastModified}`,
      file,
      alt: "",
      error: precheck(file),
    }));
    const all = [...chosen, ...picked];
    setChosen(all);
    setStatus(
      all.length > room
        ? `Only ${room} more photo${room === 1 ? "" : "s"} fit: a listing has at most ${MAX_PHOTOS}. Remove some.`
        : `${all.length} photo${all.length === 1 ? "" : "s"} chosen: describe each, then upload.`,
    );
    if (fileInput.current) fileInput.current.value = "";
  };

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length > room) {
      setStatus(`Only ${room} more photo${room === 1 ? "" : "s"} fit: a listing has at most ${MAX_PHOTOS}.`);
      return;
    }
    const checked = chosen.map((c) => ({
      ...c,
      error: precheck(c.file) ?? (c.alt.trim() ? undefined : "Describe the photo for people who cannot see it"),
    }));
    setChosen(checked);
    if (checked.some((c) => c.error)) {
      setStatus("Some photos cannot be uploaded yet: see the messages next to them.");
      return;
    }
    setUploading(true);
    const left: Chosen[] = [];
    for (const [i, photo] of checked.entries()) {
      setStatus(`Uploading photo ${i + 1} of ${checked.length}…`);
      const error = await uploadOne(listingId, photo).catch(() => "The upload failed. Please try again.");
      if (error) left.push({ ...photo, error });
    }
    setUploading(false);
    setChosen(left);
    const added = checked.length - left.length;
    setStatus(
      `${added} photo${added === 1 ? "" : "s"} added.` +
        (left.length ? ` ${left.length} could not be added: see the messages next to them.` : ""),
    );
    router.refresh();
  };

  return (
    <section aria-labelledby="photos-heading" className="mb-8">
      <h2 id="photos-heading" ref={heading} tabIndex={-1}>
        Photos
      </h2>
      <p className="text-muted text-sm">
        Up to {MAX_PHOTOS} photos; the first is the cover. Each needs a short description for people who cannot see it.
      </p>
      <p role="status" aria-live="polite" className="min-h-6" data-testid="photo-status">
        {status}
      </p>
      {photos.length > 0 ? (
        <ol aria-label="Photos, cover first" className="m-0 grid list-none gap-4 p-0">
          {photos.map((photo, index) => (
            <PhotoRow
              key={photo.id}
              listingId={listingId}
              photo={photo}
              index={index}
              count={photos.length}
              announce={setStatus}
              removeAction={removeAction}
              removing={removing}
            />
          ))}
        </ol>
      ) : (
        <p>No photos yet.</p>
      )}
      {room > 0 && (
        <form onSubmit={upload} aria-labelledby="add-photos-heading" className="form mt-6" noValidate>
          <h3 id="add-photos-heading">Add photos</h3>
          <div className="field">
            <label htmlFor="photo-files">Choose photos</label>
            <input
              ref={fileInput}
              id="photo-files"
              type="file"
              multiple
              accept={TYPES.join(",")}
              aria-describedby="photo-files-hint"
              onChange={(e) => choose(e.currentTarget.files)}
              disabled={uploading}
            />
            <p id="photo-files-hint" className="text-muted text-sm">
              JPEG, PNG, WebP, HEIC or AVIF, up to 10 MB each; {room} more fit. Location data is removed.
            </p>
            <noscript>
              <p className="notice">Uploading photos needs JavaScript.</p>
            </noscript>
          </div>
          {chosen.map((c, i) => (
            <div className="field" key={c.key}>
              <label htmlFor={`new-photo-alt-${i}`}>Description of {c.file.name}</label>
              <input
                id={`new-photo-alt-${i}`}
                value={c.alt}
                maxLength={200}
                required
                disabled={uploading}
                onChange={(e) => {
                  const alt = e.currentTarget.value;
                  setChosen((all) => all.map((other) => (other.key === c.key ? { ...other, alt } : other)));
                }}
                {...invalidProps(c.error ? [c.error] : undefined, `new-photo-error-${i}`)}
              />
              <FieldError id={`new-photo-error-${i}`} messages={c.error ? [c.error] : undefined} />
              <button
                type="button"
                className="button button--secondary mt-1 self-start"
                disabled={uploading}
                onClick={() => setChosen((all) => all.filter((other) => other.key !== c.key))}
              >
                Leave out {c.file.name}
              </button>
            </div>
          ))}
          <button type="submit" className="button" disabled={uploading || chosen.length === 0}>
            {uploading ? "Uploading…" : `Upload ${chosen.length || ""} photo${chosen.length === 1 ? "" : "s"}`}
          </button>
        </form>
      )}
    </section>
  );
}

/** Announces a form's outcome in the live region. */
function useAnnounce(state: FormState, announce: (message: string) => void) {
  useEffect(() => {
    const message = state.error ?? state.done;
    if (message) announce(message);
  }, [state, announce]);
}

function PhotoRow({
  listingId,
  photo,
  index,
  count,
  announce,
  removeAction,
  removing,
}: {
  listingId: string;
  photo: ManagedPhoto;
  index: number;
  count: number;
  announce: (message: string) => void;
  /** The list's one delete form state lives above the rows: a deleted row is gone when it answers. */
  removeAction: (form: FormData) => void;
  removing: boolean;
}) {
  const [altState, altAction, altPending] = useActionState(setPhotoAlt, {} as FormState);
  const [moveState, moveAction, movePending] = useActionState(movePhoto, {} as FormState);
  const row = useRef<HTMLLIElement>(null);
  const n = index + 1;
  const altId = useId();
  const pending = altPending || movePending || removing;

  useAnnounce(altState, announce);
  useAnnounce(moveState, announce);

  // After a move the row sits elsewhere: keep the keyboard on the button pressed, or on the nearest
  // one still enabled (the cover's "Move up" is disabled).
  useEffect(() => {
    const to = moveState.values?.to;
    if (!moveState.done || typeof to !== "string") return;
    const buttons = [...(row.current?.querySelectorAll<HTMLButtonElement>("button[data-move]") ?? [])];
    const target = buttons.find((b) => b.value === to && !b.disabled) ?? buttons.find((b) => !b.disabled);
    target?.focus();
  }, [moveState]);

  const hidden = (
    <>
      <input type="hidden" name="listingId" value={listingId} />
      <input type="hidden" name="photoId" value={photo.id} />
    </>
  );
  const altErrors = altState.fieldErrors?.alt;

  return (
    <li ref={row} className="grid gap-2 rounded border p-3 sm:grid-cols-[12rem_minmax(0,1fr)]" aria-busy={pending}>
      <ListingPhoto photo={photo} sizes="12rem" className="w-full rounded" />
      <div className="grid gap-2">
        <p className="m-0 font-semibold">{index === 0 ? `Photo ${n} of ${count} (cover)` : `Photo ${n} of ${count}`}</p>
        <form action={altAction} className="form m-0">
          {hidden}
          <div className="field">
            <label htmlFor={altId}>Description of photo {n}</label>
            <input
              key={photo.alt}
              id={altId}
              name="alt"
              defaultValue={photo.alt}
              maxLength={200}
              required
              {...invalidProps(altErrors, `${altId}-error`)}
            />
            <FieldError id={`${altId}-error`} messages={altErrors} />
          </div>
          <button type="submit" className="button button--secondary self-start" disabled={pending}>
            Save description of photo {n}
          </button>
        </form>
        <form action={moveAction} className={actions}>
          {hidden}
          <button
            type="submit"
            name="to"
            value="up"
            data-move
            className="button button--secondary"
            disabled={pending || index === 0}
          >
            Move photo {n} up
          </button>
          <button
            type="submit"
            name="to"
            value="down"
            data-move
            className="button button--secondary"
            disabled={pending || index === count - 1}
          >
            Move photo {n} down
          </button>
          <button
            type="submit"
            name="to"
            value="cover"
            data-move
            className="button button--secondary"
            disabled={pending || index === 0}
          >
            Make photo {n} the cover
          </button>
        </form>
        <form action={removeAction} className={actions}>
          {hidden}
          <button type="submit" className="button button--danger" disabled={pending}>
            Delete photo {n}
          </button>
        </form>
      </div>
    </li>
  );
}
