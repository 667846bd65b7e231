import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { FingerprintGroups, fingerprintGroups } from './DropZone';

/**
 * Verifying an office: read its 12 fingerprint groups against the ones its people read aloud. Used from the
 * contact list and from an inbox notice about a bundle that waits for the verification.
 */
export function VerifyDialog(props: {
  contact: { officeName: string; fingerprint: string };
  onClose(): void;
  onConfirm(fingerprint: string): void;
}) {
  const { t } = useTranslation();
  const { officeName: name, fingerprint } = props.contact;
  return (
    <Dialog title={t('sync.verify.title', { name })} onClose={props.onClose}>
      <p>{t('sync.verify.instructions', { name })}</p>
      <FingerprintGroups
        groups={fingerprintGroups(fingerprint)}
        label={t('sync.verify.theirFingerprint', { name })}
      />
      <div className="actions">
        <button type="button" className="primary" onClick={() => props.onConfirm(fingerprint)}>
          {t('sync.verify.confirm')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('sync.verify.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
