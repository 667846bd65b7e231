import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Whether this office only relays bundles (a hub): it then keeps no conflicts of its own. */
export function RelaySettings() {
  const { t } = useTranslation();
  const [relayOnly, setRelayOnly] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('relay:get').then(
      (result) => setRelayOnly(result.relayOnly),
      (caught: unknown) => setError(errorCode(caught)),
    );
  }, []);

  const change = async (next: boolean) => {
    setError(null);
    setSaved(null);
    // The box follows the click at once; a refusal puts it back.
    const before = relayOnly;
    setRelayOnly(next);
    try {
      const result = await call('relay:set', { relayOnly: next });
      setRelayOnly(result.relayOnly);
      setSaved(result.relayOnly);
    } catch (caught) {
      setRelayOnly(before);
      setError(errorCode(caught));
    }
  };

  return (
    <section className="card" aria-labelledby="relay-title">
      <h3 id="relay-title">{t('sync.relay.title')}</h3>
      <p>{t('sync.relay.explain')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={relayOnly ?? false}
          disabled={relayOnly === null}
          onChange={(event) => void change(event.target.checked)}
        />
        {t('sync.relay.label')}
      </label>
      <ErrorAlert code={error} />
      {saved !== null ? (
        <p role="status">{saved ? t('sync.relay.savedOn') : t('sync.relay.savedOff')}</p>
      ) : null}
    </section>
  );
}
