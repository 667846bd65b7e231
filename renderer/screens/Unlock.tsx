import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason, VaultKind, VaultStatus } from '../../shared/vault';
import { call } from '../api';
import { useAction, useCall } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { GateHeader } from '../components/GateHeader';
import { PassphraseField } from '../components/PassphraseField';
import { ScreenHeading } from '../components/ScreenHeading';

const KINDS: readonly VaultKind[] = ['office', 'training'];

export function Unlock({
  reason,
  preferred = 'office',
  restored = false,
  onUnlocked,
}: {
  reason: LockReason | null;
  /** The vault chosen when the screen opens (Settings' "lock and open the training vault"). */
  preferred?: VaultKind;
  /** A backup was just restored: say so, and that its new passphrase opens it. */
  restored?: boolean;
  onUnlocked(status: VaultStatus): void;
}) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  // Offered only when a training vault exists; the office vault is otherwise the only one.
  const status = useCall('vault:status');
  const trainingVault = !status.error && (status.data?.trainingVault ?? false);
  const [vault, setVault] = useState<VaultKind>(preferred);
  const chosen: VaultKind = trainingVault ? vault : 'office';

  // The passphrase field is emptied whatever the outcome.
  const unlock = useAction(async () => {
    const unlocked = await call('vault:unlock', { passphrase, vault: chosen }).finally(() =>
      setPassphrase(''),
    );
    onUnlocked(unlocked);
  });
  // A wrong passphrase empties the field and disables the button that had focus: focus goes back to the
  // field, so the passphrase typed again lands in it.
  const field = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void unlock.run().then((unlocked) => {
      if (!unlocked) field.current?.focus();
    });
  };

  return (
    <main className="gate">
      <GateHeader />
      <form onSubmit={submit} aria-labelledby="unlock-title" className="card">
        <ScreenHeading id="unlock-title">{t('unlock.title')}</ScreenHeading>
        {restored ? (
          <p className="notice" role="status">
            {t('restore.done')}
          </p>
        ) : reason ? (
          <p className="notice" role="status">
            {t(`unlock.reason.${reason}`)}
          </p>
        ) : null}
        {trainingVault ? (
          <fieldset className="vault-choice">
            <legend>{t('unlock.which')}</legend>
            {KINDS.map((kind) => (
              <label key={kind} className="check">
                <input
                  type="radio"
                  name="vault"
                  value={kind}
                  checked={chosen === kind}
                  onChange={() => setVault(kind)}
                />
                {t(`unlock.vault.${kind}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <PassphraseField
          label={t('unlock.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoFocus
          autoComplete="current-password"
          inputRef={field}
        />
        <ErrorAlert code={unlock.error} />
        <button type="submit" className="primary" disabled={unlock.busy || passphrase.length === 0}>
          {unlock.busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </form>
    </main>
  );
}
