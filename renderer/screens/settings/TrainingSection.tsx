import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction } from '../../app/useCall';
import { useVault } from '../../app/vault-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPassphraseFields, useNewPassphrase } from '../../components/NewPassphraseFields';

// Trainings happen in a separate training vault, never in the office vault: from the office vault this
// section creates (or points to) the training vault; inside the training vault it adds more synthetic
// records and leads back. "Add training data" exists only there, so fake records can't mix with real cases.

export function TrainingSection() {
  const { status } = useVault();
  if (status.vault === 'training') return <InsideTraining />;
  return status.trainingVault ? <TrainingExists /> : <CreateTraining />;
}

function CreateTraining() {
  const { t } = useTranslation();
  const { switched } = useVault();
  const passphrase = useNewPassphrase();
  const [attempted, setAttempted] = useState(false);
  const create = useAction(async () => {
    switched(
      await call('vault:createTraining', {
        officeName: t('training.officeName'),
        passphrase: passphrase.value,
      }),
    );
  });
  const busy = create.busy;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!passphrase.valid) {
      create.reset();
      return;
    }
    void create.run();
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="training-title" aria-busy={busy}>
      <h3 id="training-title">{t('training.title')}</h3>
      <p>{t('training.intro')}</p>
      <NewPassphraseFields
        passphrase={passphrase}
        attempted={attempted}
        label={t('training.passphrase')}
        confirmLabel={t('training.confirm')}
        help={t('training.passphraseHelp')}
      />
      <ErrorAlert code={create.error} />
      {busy ? (
        <p role="status" className="notice">
          {t('training.working')}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {t('training.create')}
      </button>
    </form>
  );
}

function TrainingExists() {
  const { t } = useTranslation();
  const { lockTo, switched } = useVault();
  // After a training, start the next one from fresh synthetic data: delete, then create again.
  const deletion = useAction(async () => switched(await call('vault:deleteTraining')));
  const remove = () => {
    if (!window.confirm(t('training.deleteConfirm'))) return;
    void deletion.run();
  };
  return (
    <section className="card" aria-labelledby="training-title">
      <h3 id="training-title">{t('training.title')}</h3>
      <p>{t('training.exists')}</p>
      <ErrorAlert code={deletion.error} />
      <div className="actions">
        <button type="button" onClick={() => lockTo('training')}>
          {t('training.open')}
        </button>
        <button type="button" className="danger" onClick={remove}>
          {t('training.delete')}
        </button>
      </div>
    </section>
  );
}

function InsideTraining() {
  const { t } = useTranslation();
  const { lockTo } = useVault();
  const [result, setResult] = useState<string | null>(null);
  const generate = useAction(async () => {
    // A different seed each time, so a second batch is new people rather than the same names again.
    const seed = Math.floor(Math.random() * 1_000_000);
    const counts = await call('demo:generate', {
      people: 200,
      volunteers: 60,
      attorneys: 15,
      eventsPerPerson: 1,
      seed,
    });
    setResult(t('training.added', counts));
  });
  const busy = generate.busy;
  const addMore = () => {
    if (!window.confirm(t('training.addConfirm'))) return;
    void generate.run();
  };
  return (
    <section className="card" aria-labelledby="training-title" aria-busy={busy}>
      <h3 id="training-title">{t('training.title')}</h3>
      <p>{t('training.inside')}</p>
      <ErrorAlert code={generate.error} />
      {result ? <p role="status">{result}</p> : null}
      <div className="actions">
        <button type="button" disabled={busy} onClick={addMore}>
          {busy ? t('training.adding') : t('training.add')}
        </button>
        <button type="button" onClick={() => lockTo('office')}>
          {t('training.back')}
        </button>
      </div>
    </section>
  );
}
