import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MIN_LENGTH } from '../../shared/vault';
import { PassphraseField } from './PassphraseField';

// A new passphrase typed twice: creating a vault, changing its passphrase, a backup's passphrase, a
// training vault's, a restored vault's. One rule everywhere (the minimum length, counted in characters,
// and an exact confirmation), and the same messages, shown once the user has tried to submit.

export interface NewPassphrase {
  value: string;
  confirm: string;
  setValue(value: string): void;
  setConfirm(value: string): void;
  /** True when the form may submit it. */
  valid: boolean;
  reset(): void;
}

export function useNewPassphrase(): NewPassphrase {
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  return {
    value,
    confirm,
    setValue,
    setConfirm,
    valid: [...value].length >= PASSPHRASE_MIN_LENGTH && confirm === value,
    reset: () => {
      setValue('');
      setConfirm('');
    },
  };
}

export function NewPassphraseFields({
  passphrase,
  attempted,
  label,
  confirmLabel,
  help,
  showStrength = true,
}: {
  passphrase: NewPassphrase;
  /** Errors show only after a submit attempt, not while the user is still typing. */
  attempted: boolean;
  label: string;
  confirmLabel: string;
  help?: string;
  showStrength?: boolean;
}) {
  const { t } = useTranslation();
  const tooShort = attempted && [...passphrase.value].length < PASSPHRASE_MIN_LENGTH;
  const mismatch = attempted && passphrase.confirm !== passphrase.value;
  return (
    <>
      <PassphraseField
        label={label}
        value={passphrase.value}
        onChange={passphrase.setValue}
        showStrength={showStrength}
        autoComplete="new-password"
        error={tooShort ? t('passphrase.strength.too-short', { min: PASSPHRASE_MIN_LENGTH }) : undefined}
      />
      {help ? <p className="field-help">{help}</p> : null}
      <PassphraseField
        label={confirmLabel}
        value={passphrase.confirm}
        onChange={passphrase.setConfirm}
        autoComplete="new-password"
        error={mismatch ? t('create.mismatch') : undefined}
      />
    </>
  );
}
