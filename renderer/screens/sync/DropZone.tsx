import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A file picker that also accepts a dropped file. The <input type=file> is the keyboard and screen-reader
 * path; the surrounding zone only adds drag-and-drop for mouse users.
 */
export function DropZone(props: {
  label: string;
  accept: string;
  disabled?: boolean;
  onFile(file: File): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !props.disabled) props.onFile(file);
  };

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        disabled={props.disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) props.onFile(file);
        }}
      />
      <p className="field-help">{t('sync.dropHint')}</p>
    </div>
  );
}

export function FingerprintGroups({ groups, label }: { groups: readonly string[]; label: string }) {
  return (
    <div role="group" className="fingerprint" aria-label={label}>
      {groups.map((group, index) => (
        <span key={index}>{group}</span>
      ))}
    </div>
  );
}

/** 60 digits as 12 groups of 5, for reading aloud (contacts carry only the plain fingerprint). */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.match(/\d{1,5}/g) ?? [];
}
