import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MIN_LENGTH, passphraseStrength } from '../../shared/vault';
import { Field } from './Field';

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Show the strength hint (for new passphrases). */
  showStrength?: boolean;
  autoFocus?: boolean;
  error?: string | undefined;
  autoComplete: 'current-password' | 'new-password';
  inputRef?: Ref<HTMLInputElement>;
}

export function PassphraseField({
  label,
  value,
  onChange,
  showStrength,
  autoFocus,
  error,
  autoComplete,
  inputRef,
}: PassphraseFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const strength = passphraseStrength(value);
  const hint =
    showStrength && value.length > 0 ? (
      <span className={`strength strength-${strength}`} aria-live="polite">
        {t(`passphrase.strength.${strength}`, { min: PASSPHRASE_MIN_LENGTH })}
      </span>
    ) : undefined;
  return (
    <Field
      ref={inputRef}
      label={label}
      type={visible ? 'text' : 'password'}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      autoFocus={autoFocus}
      autoComplete={autoComplete}
      spellCheck={false}
      autoCapitalize="off"
      help={hint}
      error={error}
      trailing={
        <button type="button" className="ghost" aria-pressed={visible} onClick={() => setVisible(!visible)}>
          {visible ? t('passphrase.hide') : t('passphrase.show')}
        </button>
      }
    />
  );
}
