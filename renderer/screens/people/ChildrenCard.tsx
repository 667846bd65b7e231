import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CaregiverPlan, type Person } from '../../../shared/model';
import { compact, opt, SectionForm, text, type Draft } from './SectionForm';

// Children at home and who looks after them: how many, their ages, who is caring, school pickup.
const Children = z
  .object({ minorsAtHome: z.number().int().min(0).max(30).optional(), plan: CaregiverPlan.optional() })
  .strict();

export function ChildrenCard({
  person,
  onSave,
}: {
  person: Person;
  onSave(patch: { minorsAtHome: number | null; caregiverPlan: unknown }): Promise<void>;
}) {
  const { t } = useTranslation();
  const plan = person.caregiverPlan;
  const has = person.minorsAtHome !== undefined || plan !== undefined;
  return (
    <SectionForm
      id="children"
      title={t('caseFile.children.title')}
      schema={Children}
      saved={
        has
          ? {
              minorsAtHome: text(person.minorsAtHome),
              childrenAges: (plan?.childrenAges ?? []).join(', '),
              caregiver: text(plan?.caregiver),
              schoolPickup: text(plan?.schoolPickup),
            }
          : null
      }
      keyOf={(path) =>
        path.startsWith('plan.') ? (path.split('.')[1] ?? path) : (path.split('.')[0] ?? path)
      }
      fields={[
        { key: 'minorsAtHome', label: t('caseFile.children.count'), type: 'number' },
        { key: 'childrenAges', label: t('caseFile.children.ages'), help: t('caseFile.children.agesHelp') },
        { key: 'caregiver', label: t('caseFile.children.caregiver') },
        { key: 'schoolPickup', label: t('caseFile.children.schoolPickup') },
      ]}
      build={(d: Draft) => {
        const count = opt(d, 'minorsAtHome');
        const ages = opt(d, 'childrenAges')
          ?.split(/[,;\s]+/)
          .filter(Boolean)
          .map(Number);
        return compact({
          minorsAtHome: count === undefined ? undefined : Number(count),
          plan: compact({
            childrenAges: ages,
            caregiver: opt(d, 'caregiver'),
            schoolPickup: opt(d, 'schoolPickup'),
          }),
        });
      }}
      onSave={async (value) => {
        const parsed = value as { minorsAtHome?: number; plan?: unknown } | null;
        await onSave({ minorsAtHome: parsed?.minorsAtHome ?? null, caregiverPlan: parsed?.plan ?? null });
      }}
    />
  );
}
