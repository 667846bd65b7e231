import { useTranslation } from 'react-i18next';
import { biaAppealDue, courtByKey, COURTS, CourtCase, IJ_OUTCOMES, type Person } from '../../../shared/model';
import { useDates } from '../../app/format';
import { compact, opt, SectionForm, text, type Draft } from './SectionForm';
import { formatPhone } from '../../app/phone';

// The immigration court (EOIR) track: the court (with its address), the judge, the next hearing (from the
// timeline), the judge's decision and the BIA appeal, due 30 days after the decision.
export function CourtCard({
  person,
  nextHearing,
  onSave,
}: {
  person: Person;
  nextHearing: { at: string; kind: string } | null;
  onSave(value: unknown): Promise<void>;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const saved = person.courtCase;
  const outcomes = IJ_OUTCOMES.map((value) => ({ value, label: t(`caseFile.outcome.${value}`) }));
  const due = saved?.decision ? biaAppealDue(saved.decision.on) : null;
  const court = courtByKey(saved?.court);
  return (
    <SectionForm
      id="court"
      title={t('caseFile.court.title')}
      schema={CourtCase}
      saved={
        saved
          ? {
              court: saved.court,
              judge: text(saved.judge),
              decisionOn: text(saved.decision?.on),
              decisionOutcome: text(saved.decision?.outcome),
              appealFiledOn: text(saved.appealFiledOn),
            }
          : null
      }
      keyOf={(path) =>
        path === 'decision.on'
          ? 'decisionOn'
          : path === 'decision.outcome'
            ? 'decisionOutcome'
            : (path.split('.')[0] ?? path)
      }
      fields={[
        {
          key: 'court',
          label: t('caseFile.court.court'),
          type: 'select',
          options: COURTS.map((c) => ({ value: c.key, label: c.name })),
        },
        { key: 'judge', label: t('caseFile.court.judge') },
        {
          key: 'decisionOn',
          label: t('caseFile.court.decisionOn'),
          type: 'date',
          display: (d) => (d.decisionOn ? dates.date(d.decisionOn as string) : '—'),
        },
        { key: 'decisionOutcome', label: t('caseFile.court.outcome'), type: 'select', options: outcomes },
        {
          key: 'appealFiledOn',
          label: t('caseFile.court.appealFiledOn'),
          type: 'date',
          display: (d) => (d.appealFiledOn ? dates.date(d.appealFiledOn as string) : '—'),
        },
      ]}
      build={(d: Draft) => {
        const on = opt(d, 'decisionOn');
        const outcome = opt(d, 'decisionOutcome');
        return compact({
          court: opt(d, 'court') ?? '',
          judge: opt(d, 'judge'),
          decision: on || outcome ? { on: on ?? '', outcome: outcome ?? '' } : undefined,
          appealFiledOn: opt(d, 'appealFiledOn'),
        });
      }}
      onSave={onSave}
    >
      <dl className="fields">
        {court ? (
          <div className="editable">
            <dt>{t('caseFile.court.address')}</dt>
            <dd>
              {court.address ?? t('caseFile.court.noAddress')}
              {court.phone ? ` · ${formatPhone(court.phone)}` : ''}
              <br />
              <small className="muted">{t('caseFile.source', { source: court.source })}</small>
            </dd>
          </div>
        ) : null}
        <div className="editable">
          <dt>{t('caseFile.court.nextHearing')}</dt>
          <dd>
            {nextHearing
              ? `${dates.dateTime(nextHearing.at)} · ${t(`enums.eventKind.${nextHearing.kind}`)}`
              : t('caseFile.court.noHearing')}
          </dd>
        </div>
        {due ? (
          <div className="editable">
            <dt>{t('caseFile.court.appealDue')}</dt>
            <dd>
              <strong>{dates.date(due)}</strong>{' '}
              {saved?.appealFiledOn ? (
                <span className="muted">{t('caseFile.court.appealFiled')}</span>
              ) : (
                <span className="muted">{t('caseFile.court.appealRule')}</span>
              )}
            </dd>
          </div>
        ) : null}
      </dl>
    </SectionForm>
  );
}
