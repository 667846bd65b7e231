import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCATOR_RESULTS, LocatorCheck, type Person } from '../../../shared/model';
import { useDates } from '../../app/format';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { countryName } from '../../../shared/code-names';

// The ICE Online Detainee Locator takes an A-number and country of birth, or an exact first and last name
// and country of birth. This card lists each search to type, exactly, with a copy button per value, and
// keeps a log of checks (when, who, what it found) with the person.
export function LocatorCard({ person, onSave }: { person: Person; onSave(checks: unknown): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const [copied, setCopied] = useState<string | null>(null);
  const [by, setBy] = useState('');
  const [method, setMethod] = useState<'A_NUMBER' | 'NAME'>(person.aNumber ? 'A_NUMBER' : 'NAME');
  const [result, setResult] = useState('');
  const [facility, setFacility] = useState('');
  const [issues, setIssues] = useState<Record<string, string>>({});
  const country = person.countryOfBirth ? countryName(person.countryOfBirth, 'en') : null;
  const names = [{ givenName: person.givenName, familyName: person.familyName }, ...(person.aliases ?? [])];

  const copy = async (key: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(key);
    } catch {
      setCopied(null);
    }
  };
  const line = (key: string, label: string, value: string) => (
    <div key={key} className="copy-line">
      <dt>{label}</dt>
      <dd>
        <code>{value}</code>{' '}
        <button
          type="button"
          className="ghost small"
          aria-label={t('caseFile.locator.copy', { what: label })}
          onClick={() => void copy(key, value)}
        >
          {copied === key ? t('caseFile.locator.copied') : t('caseFile.locator.copyShort')}
        </button>
      </dd>
    </div>
  );

  const log = async (event: FormEvent) => {
    event.preventDefault();
    const check = {
      at: new Date().toISOString(),
      by: by.trim(),
      method,
      result,
      ...(facility.trim() ? { facility: facility.trim() } : {}),
    };
    const parsed = LocatorCheck.safeParse(check);
    if (!parsed.success) {
      setIssues(
        Object.fromEntries(
          parsed.error.issues.map((issue) => {
            const key = String(issue.path[0]);
            return [key, t(`caseFile.invalid.${key}`, { defaultValue: t('validation.generic') })];
          }),
        ),
      );
      return;
    }
    setIssues({});
    await onSave([parsed.data, ...(person.locatorChecks ?? [])]);
    setResult('');
    setFacility('');
  };

  return (
    <section aria-labelledby="locator-title" className="card">
      <h3 id="locator-title">{t('caseFile.locator.title')}</h3>
      <p className="field-help">{t('caseFile.locator.help')}</p>
      {!country ? <p className="alert">{t('caseFile.locator.needsCountry')}</p> : null}
      {person.aNumber ? (
        <>
          <h4>{t('caseFile.locator.byANumber')}</h4>
          <dl className="fields">
            {line('a', t('person.aNumber'), person.aNumber)}
            {country ? line('a-country', t('person.countryOfBirth'), country) : null}
          </dl>
        </>
      ) : null}
      <h4>{t('caseFile.locator.byName')}</h4>
      {names.map((name, i) => (
        <dl className="fields" key={i} aria-label={`${name.givenName} ${name.familyName}`}>
          {line(`g${i}`, t('caseFile.locator.firstName'), name.givenName)}
          {line(`f${i}`, t('caseFile.locator.lastName'), name.familyName)}
          {country ? line(`c${i}`, t('person.countryOfBirth'), country) : null}
        </dl>
      ))}
      <p className="field-help">{t('caseFile.locator.adults', { lang: i18n.language })}</p>
      <h4>{t('caseFile.locator.log')}</h4>
      {(person.locatorChecks ?? []).length === 0 ? <p className="muted">{t('common.none')}</p> : null}
      <ul className="plain">
        {(person.locatorChecks ?? []).map((c, i) => (
          <li key={i}>
            <time dateTime={c.at}>{dates.dateTime(c.at)}</time> · {c.by} · {t(`caseFile.method.${c.method}`)}{' '}
            · <strong>{t(`caseFile.result.${c.result}`)}</strong>
            {c.facility ? ` · ${c.facility}` : ''}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void log(e)} aria-label={t('caseFile.locator.logCheck')} noValidate>
        <Field
          label={t('caseFile.locator.by')}
          value={by}
          onChange={(e) => setBy(e.target.value)}
          error={issues.by}
        />
        <SelectField
          label={t('caseFile.locator.method')}
          value={method}
          options={(['A_NUMBER', 'NAME'] as const).map((value) => ({
            value,
            label: t(`caseFile.method.${value}`),
          }))}
          onChange={(v) => setMethod(v as 'A_NUMBER' | 'NAME')}
        />
        <SelectField
          label={t('caseFile.locator.result')}
          value={result}
          emptyLabel="—"
          options={LOCATOR_RESULTS.map((value) => ({ value, label: t(`caseFile.result.${value}`) }))}
          onChange={setResult}
        />
        {issues.result ? <p className="field-error">{issues.result}</p> : null}
        <Field
          label={t('caseFile.locator.facility')}
          value={facility}
          onChange={(e) => setFacility(e.target.value)}
        />
        <button type="submit">{t('caseFile.locator.logCheck')}</button>
      </form>
    </section>
  );
}
