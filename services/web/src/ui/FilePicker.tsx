import { useRef, useState, type InputHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A file input whose button and "no file chosen" are the page's language, not the browser's (Chromium in English
 * says "Choose File"). The native input stays the control — focusable, named by its label, what tests and screen
 * readers use — drawn off-screen; the visible button opens it, and shows its focus ring when it has focus.
 */
export function FilePicker({
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'>) {
  const { t } = useI18n();
  const ref = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <span className="file-picker">
      <input
        {...input}
        ref={ref}
        type="file"
        className="file-input"
        onChange={(e) => {
          setName(e.target.files?.[0]?.name ?? null);
          onChange?.(e);
        }}
      />
      <span
        className="button button-secondary file-button"
        aria-hidden="true"
        onClick={() => ref.current?.click()}
      >
        {t('file.choose')}
      </span>
      <span className="file-name" aria-hidden="true">
        {name ?? t('file.none')}
      </span>
    </span>
  );
}
