import { SCHEMAS } from '../../../../shared/model';
import { CSV_EXTRA_TARGETS } from '../../../../shared/records/csv';
import { nameKey } from '../../../../shared/code-names';
import type { CsvKind } from './fields';

// Columns matched to fields from their headers, in English or Spanish ("Last Name", "Apellido(s)", "A#",
// "¿Cómo quieres ayudar?"). A header equal to a field's name ("givenName", as an export writes it) maps to
// that field. The user reviews and may change every match; the mapping used is remembered per set of headers.

/** Headers as people write them, per target (compared without case, accents, punctuation or "(…)"). */
const HEADERS: Record<string, string[]> = {
  fullName: [
    'name',
    'full name',
    'nombre completo',
    'nombre y apellido',
    'nombre y apellidos',
    'person name',
  ],
  givenName: [
    'first name',
    'given name',
    'given names',
    'first names',
    'first',
    'nombre',
    'nombres',
    'nombre s',
    'primer nombre',
  ],
  familyName: [
    'last name',
    'last names',
    'surname',
    'surnames',
    'family name',
    'apellido',
    'apellidos',
    'apellido s',
    'last',
  ],
  otherNames: ['other names', 'aka', 'alias', 'also known as', 'otros nombres', 'apodo'],
  aNumber: [
    'a',
    'a number',
    'anumber',
    'a no',
    'alien number',
    'numero a',
    'numero de a',
    'no a',
    'numero de extranjero',
  ],
  dateOfBirth: [
    'dob',
    'date of birth',
    'birth date',
    'birthdate',
    'birthday',
    'fecha de nacimiento',
    'fecha nacimiento',
    'nacimiento',
  ],
  countryOfBirth: [
    'country of birth',
    'birth country',
    'country',
    'country of origin',
    'nationality',
    'pais de nacimiento',
    'pais',
    'pais de origen',
    'nacionalidad',
  ],
  languages: [
    'language',
    'languages',
    'language s',
    'languages spoken',
    'primary language',
    'idioma',
    'idiomas',
    'idioma s',
    'lengua',
    'lenguas',
    'idiomas que habla',
  ],
  needsInterpreter: ['needs interpreter', 'interpreter needed', 'necesita interprete'],
  phone: [
    'phone',
    'phone number',
    'telephone',
    'cell',
    'cell phone',
    'mobile',
    'telefono',
    'celular',
    'numero de telefono',
    'tel',
  ],
  email: ['email', 'e mail', 'email address', 'correo', 'correo electronico'],
  signal: ['signal', 'signal handle', 'usuario de signal'],
  detainedAt: [
    'date detained',
    'detained on',
    'detention date',
    'arrest date',
    'fecha de detencion',
    'fecha de arresto',
  ],
  arrestLocation: [
    'where detained',
    'arrest location',
    'location',
    'place of arrest',
    'lugar de detencion',
    'donde fue detenido',
    'donde fue detenida',
    'lugar',
  ],
  arrestCounty: ['county', 'arrest county', 'county of arrest', 'condado'],
  counties: ['county', 'counties', 'condado', 'condados'],
  arrestingAgency: ['agency', 'arresting agency', 'agencia'],
  facilityName: ['facility', 'detention facility', 'detention center', 'centro de detencion', 'centro'],
  custodyStatus: ['status', 'custody', 'custody status', 'estado', 'estatus', 'situacion'],
  caseStatus: ['case status', 'estado del caso'],
  priority: ['priority', 'urgency', 'prioridad', 'urgencia'],
  minorsAtHome: [
    'kids at home',
    'children at home',
    'minors at home',
    'kids',
    'children',
    'ninos',
    'ninos en casa',
    'hijos',
    'menores',
    'menores en casa',
  ],
  medicalNeeds: ['medical', 'medical needs', 'health', 'medical conditions', 'necesidades medicas', 'salud'],
  contactName: [
    'family contact',
    'emergency contact',
    'contact',
    'contact name',
    'contacto',
    'contacto familiar',
    'nombre del contacto',
    'familiar',
  ],
  contactRelationship: ['relationship', 'relation', 'parentesco', 'relacion'],
  contactPhone: [
    'contact phone',
    'family phone',
    'telefono del contacto',
    'telefono de contacto',
    'telefono familiar',
  ],
  consentRecorded: ['consent', 'consentimiento'],
  reportSource: ['source', 'report source', 'fuente'],
  roles: [
    'roles',
    'role',
    'how do you want to help',
    'how would you like to help',
    'como quieres ayudar',
    'como quiere ayudar',
    'como te gustaria ayudar',
    'funciones',
  ],
  status: ['status', 'estado', 'estatus'],
  vettedOn: ['vetted on', 'vetted', 'date vetted', 'fecha de verificacion'],
  organization: ['organization', 'organisation', 'org', 'firm', 'law firm', 'organizacion', 'despacho'],
  barNumber: ['bar number', 'bar no', 'bar', 'numero de colegiatura', 'numero de abogado'],
  barState: ['bar state', 'state', 'estado del colegio'],
  specialties: ['specialties', 'specialty', 'practice areas', 'especialidades', 'especialidad'],
  capacity: ['capacity', 'max cases', 'capacidad'],
  notes: [
    'notes',
    'note',
    'comments',
    'comment',
    'notas',
    'nota',
    'comentarios',
    'observaciones',
    'availability',
    'disponibilidad',
  ],
};

/** Targets that only some kinds have. */
const EXTRA_FOR: Record<CsvKind, readonly string[]> = {
  person: ['fullName', 'facilityName', 'contactName', 'contactRelationship', 'contactPhone'],
  volunteer: ['fullName', 'trainingDate'],
  attorney: ['fullName'],
};

/** Targets that several columns may fill: lists gather, notes gather with each column's header. */
export const GATHERING = new Set(['notes', 'languages', 'otherNames', 'counties', 'roles', 'specialties']);

/** Every target a column of this kind can map to: its fields, then the extra targets. */
export function csvTargets(kind: CsvKind): string[] {
  // Lists of objects (contacts, trainings) are read as the JSON an export writes.
  const fields = Object.keys(SCHEMAS[kind].fields.shape);
  return [...fields, ...CSV_EXTRA_TARGETS.filter((t) => EXTRA_FOR[kind].includes(t))];
}

function headerKey(header: string): string {
  return nameKey(header.replace(/\([^)]*\)/g, ' ').replace(/#/g, ' number '))
    .replace(/\bnumber number\b/, 'number')
    .replace(/^number$/, 'a number');
}

/** How well a header names a target: 4 its field name, 3 a known header, 2 starts with one, 0 not at all. */
function score(header: string, key: string, target: string): number {
  if (header === target) return 4;
  const known = HEADERS[target] ?? [];
  if (known.includes(key)) return 3;
  if (
    target === 'trainingDate' &&
    /\b(training|capacitacion|entrenamiento)\b/.test(key) &&
    /\b(date|fecha)\b/.test(key)
  )
    return 3;
  if (known.some((k) => k.length > 2 && (key.startsWith(`${k} `) || key.endsWith(` ${k}`)))) return 2;
  return 0;
}

/** The automatic mapping: each column to its best target ('' when none); a target is taken once unless it gathers. */
export function autoMapping(kind: CsvKind, columns: readonly string[]): Record<string, string> {
  const targets = csvTargets(kind);
  const candidates = columns.flatMap((column, index) => {
    // "A#" must not read as "a number" for a header like "Kids at home #".
    const key = column.trim() === 'A#' ? 'a number' : headerKey(column);
    return targets.map((target) => ({ column, index, target, score: score(column.trim(), key, target) }));
  });
  const mapping: Record<string, string> = Object.fromEntries(columns.map((c) => [c, '']));
  const taken = new Set<string>();
  const placed = new Set<string>();
  candidates
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .forEach(({ column, target }) => {
      if (placed.has(column) || (taken.has(target) && !GATHERING.has(target))) return;
      mapping[column] = target;
      placed.add(column);
      taken.add(target);
    });
  // A full-name column only when the file has no separate name columns.
  const values = Object.values(mapping);
  if (values.includes('fullName') && (values.includes('givenName') || values.includes('familyName')))
    for (const column of columns) if (mapping[column] === 'fullName') mapping[column] = '';
  return mapping;
}
