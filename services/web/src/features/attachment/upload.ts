import { useState } from 'react';
import { showErrors, type ApiError } from '../../i18n/errors';
import type { I18n } from '../../i18n/i18n';
import { apiHeaders } from '../../ui/download';

/** The accepted files, as the gateway detects them from their bytes. */
export const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
/** Why the API refused a file, for a reader of English (the API says it in Vietnamese). */
const REASONS = [
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_NAME_MISMATCH',
  'FILE_EMPTY',
  'TOO_MANY_FILES',
] as const;

/** The record a file is sent to: `ownerId` is a member unit for evidence, which also names its year and criterion. */
export type UploadTarget =
  | { ownerType: 'EMULATION_YEAR' | 'CONFERENCE' | 'NOMINATION'; ownerId: string }
  | {
      ownerType: 'EVIDENCE';
      ownerId: string;
      yearId: string;
      criterion: string;
      /** The secretariat adding a member's file, on its behalf: why. */
      onBehalfReason?: string;
    };

/** Megabytes as the page says them (one decimal). */
export const megabytes = (i18n: I18n, bytes: number) =>
  i18n.number(Math.round((bytes / 1024 / 1024) * 10) / 10);

/**
 * Sends one file to the gateway's upload route (the raw bytes, behind sign-in). Resolves to null once stored, or
 * to what to tell the person: a refused file in the gateway's Vietnamese (or its reason in English), any other
 * refusal (deadline, rights) through the error texts every form uses.
 */
export async function uploadFile(
  i18n: I18n,
  target: UploadTarget,
  file: File | null,
  maxBytes: number,
): Promise<string | null> {
  const { t } = i18n;
  if (!file) return t('attachment.noFile');
  if (file.size > maxBytes) return t('attachment.tooLarge', { limit: megabytes(i18n, maxBytes) });
  try {
    const q = new URLSearchParams({ ...target, name: file.name });
    const sent = await fetch(`/files/attachments?${q}`, {
      method: 'POST',
      headers: { ...(await apiHeaders()), 'content-type': 'application/octet-stream' },
      body: file,
    });
    if (sent.ok) return null;
    const body = (await sent.json().catch(() => null)) as {
      errors?: (ApiError & { extensions?: { reason?: string } })[];
    } | null;
    const error = body?.errors?.[0];
    const reason = error?.extensions?.reason;
    if (error && reason)
      return i18n.locale === 'vi' || !REASONS.some((r) => r === reason)
        ? error.message
        : t(`attachment.refused.${reason as (typeof REASONS)[number]}`, { limit: megabytes(i18n, maxBytes) });
    const shown = showErrors(i18n, body?.errors?.length ? body.errors : 'network');
    return shown.general ?? Object.values(shown.fields)[0] ?? t('error.INTERNAL_SERVER_ERROR');
  } catch {
    return t('error.network');
  }
}

/**
 * One upload control's state: the file picked, the picker (a new one after each upload: the one before still holds
 * the file sent), whether a file is on its way, and what to tell the person. `send` uploads the picked file and,
 * once it is stored, says `uploaded(name)` and calls `done`.
 */
export function useFileUpload(i18n: I18n) {
  const [picked, setPicked] = useState<File | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  async function send(
    target: UploadTarget,
    maxBytes: number,
    uploaded: (name: string) => string,
    done: () => void,
    /** The file to send, when it is sent as it is chosen (the picked one otherwise). */
    file: File | null = picked,
  ) {
    setMessage(null);
    setBusy(true);
    const refused = await uploadFile(i18n, target, file, maxBytes);
    setBusy(false);
    // Sent as it was chosen: a new, empty picker, so that choosing the same file again sends it again.
    if (refused && file !== picked) setPickerKey((k) => k + 1);
    if (refused) return setMessage({ kind: 'error', text: refused });
    setMessage({ kind: 'success', text: uploaded(file!.name) });
    setPicked(null);
    setPickerKey((k) => k + 1);
    done();
  }
  return { pick: setPicked, pickerKey, busy, message, setMessage, send };
}
