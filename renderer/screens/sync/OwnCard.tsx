import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FingerprintGroups } from './DropZone';
import { saveFile } from './files';

/** This office's identity: the fingerprint to read aloud and the card to hand to other offices. */
export function OwnCard() {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState<ChannelOutput<'sync:identity'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('sync:identity').then(setIdentity, (caught: unknown) => setError(errorCode(caught)));
  }, []);

  const exportCard = async () => {
    setError(null);
    try {
      const { card, fileName } = await call('card:export');
      saveFile(card, fileName, 'application/json');
    } catch (caught) {
      setError(errorCode(caught));
    }
  };

  return (
    <section className="card" aria-labelledby="own-card-title">
      <h3 id="own-card-title">{t('sync.own.title')}</h3>
      {identity ? (
        <>
          <p>{t('sync.own.office', { name: identity.officeName })}</p>
          <p className="field-help">{t('sync.own.fingerprintHelp')}</p>
          <FingerprintGroups groups={identity.fingerprintGroups} label={t('sync.own.fingerprint')} />
        </>
      ) : null}
      <ErrorAlert code={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void exportCard()}>
          {t('sync.own.export')}
        </button>
      </div>
      <p className="field-help">{t('sync.own.exportHelp')}</p>
    </section>
  );
}
