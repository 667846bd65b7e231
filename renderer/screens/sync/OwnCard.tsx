import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FingerprintGroups } from './DropZone';
import { saveFile } from './files';

/** This office's identity: the fingerprint to read aloud and the card to hand to other offices. */
export function OwnCard() {
  const { t } = useTranslation();
  const { data: identity, error: identityError } = useCall('sync:identity');
  const exportCard = useAction(async () => {
    const { card, fileName } = await call('card:export');
    saveFile(card, fileName, 'application/json');
  });

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
      <ErrorAlert code={exportCard.error ?? identityError} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void exportCard.run()}>
          {t('sync.own.export')}
        </button>
      </div>
      <p className="field-help">{t('sync.own.exportHelp')}</p>
    </section>
  );
}
