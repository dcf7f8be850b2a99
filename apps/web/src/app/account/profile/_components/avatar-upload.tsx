"use client";

import { useRouter } from "next/navigation";
import { type ChangeEvent, useState } from "react";
import type { ImageRef } from "@/server/photos";
import { ResponsiveImage } from "../../../_components/responsive-image";

const ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/avif";
const json = { "content-type": "application/json" };

/** The error message of a refused API call. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `The upload failed (${response.status}). Please try again.`;
}

/**
 * Uploads a new avatar: the server presigns a POST, the browser sends the file straight to storage,
 * then the server checks and processes it into square variants and keeps it on the profile.
 */
export function AvatarUpload({ current }: { current: ImageRef | null }) {
  const router = useRouter();
  const [picture, setPicture] = useState(current);
  const [status, setStatus] = useState<{ busy?: boolean; error?: string; saved?: boolean }>({});

  async function upload(file: File): Promise<string | null> {
    const start = await fetch("/api/profile/avatar", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ contentType: file.type }),
    });
    if (!start.ok) return refusal(start);
    const { upload } = (await start.json()) as {
      upload: { uploadId: string; url: string; fields: Record<string, string> };
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append("file", file);
    const stored = await fetch(upload.url, { method: "POST", body: form }).catch(() => null);
    if (!stored?.ok) return "Storage refused the file: photos may be at most 10 MB.";
    const finish = await fetch("/api/profile/avatar", {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ uploadId: upload.uploadId }),
    });
    if (!finish.ok) return refusal(finish);
    setPicture(((await finish.json()) as { avatar: ImageRef }).avatar);
    return null;
  }

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setStatus({ busy: true });
    const error = await upload(file).catch(() => "The upload failed. Please try again.");
    input.value = "";
    setStatus(error ? { error } : { saved: true });
    if (!error) router.refresh();
  }

  return (
    <div className="mb-6 flex flex-wrap items-center gap-4">
      {picture ? (
        <ResponsiveImage image={picture} layout="avatar" eager />
      ) : (
        <span className="size-24 rounded-full bg-border" aria-hidden="true" />
      )}
      <div className="grid gap-2">
        <label className="field">
          <span>{picture ? "Replace your avatar" : "Upload an avatar"}</span>
          <input
            type="file"
            name="avatar"
            accept={ACCEPT}
            onChange={onChange}
            disabled={status.busy}
            aria-describedby="avatar-hint avatar-status"
          />
        </label>
        <p id="avatar-hint" className="text-muted">
          JPEG, PNG, WebP, HEIC or AVIF, up to 10 MB; cropped to a square.
        </p>
        <div id="avatar-status">
          {status.busy && <output>Uploading…</output>}
          {status.error && (
            <p className="field-error" role="alert">
              {status.error}
            </p>
          )}
          {status.saved && <output className="success">Avatar saved.</output>}
        </div>
      </div>
    </div>
  );
}
