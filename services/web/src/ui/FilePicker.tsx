import { useState, type InputHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A file input whose button and "no file chosen" are the page's language, not the browser's (Chromium in English
 * says "Choose File"). The native input stays the control — focusable, named by its label, what tests and screen
 * readers use — laid transparent exactly over the drawn button, so a click, a tap and a screen reader's touch all
 * reach it; the button shows its focus ring.
 */
export function FilePicker({
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'>) {
  const { t } = useI18n();
  const [name, setName] = useState<string | null>(null);
  return (
    <span className="file-picker">
      <span className="file-button-area">
        <input
          {...input}
          type="file"
          className="file-input"
          onChange={(e) => {
            setName(e.target.files?.[0]?.name ?? null);
            onChange?.(e);
          }}
        />
        <span className="button button-secondary file-button" aria-hidden="true">
          {t('file.choose')}
        </span>
      </span>
      <span className="file-name" aria-hidden="true">
        {name ?? t('file.none')}
      </span>
    </span>
  );
}
