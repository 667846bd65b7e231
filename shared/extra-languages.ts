// Languages often spoken by people detained after coming from Mexico and Central America (and two Chinese
// languages intake sheets name), which the platform's CLDR data (Intl.DisplayNames) does not name, names
// only in English, or names as another code does ("cmn" is "Chinese", as "zh" is).
//
// Source of the codes: the ISO 639-3 code tables kept by SIL International, the registration authority
// (https://iso639-3.sil.org/code_tables/639/data). Each code is an ISO 639-3 individual language or
// macrolanguage, except:
// - `nah` (Nahuatl languages) is an ISO 639-2 / 639-5 collective code: ISO 639-3 splits Nahuatl into some
//   thirty languages, and sheets write just "Náhuatl";
// - `qmx` and `qtq` are from the range ISO 639 reserves for local use (qaa–qtz), for "Mixteco" and "Triqui"
//   when the sheet does not say which one: ISO 639-3 has only individual Mixtec and Triqui languages (`mix`
//   is Mixtepec Mixtec and `trs` Chicahuaxtla Triqui, not the groups), so storing one of them would record
//   a variety nobody stated. The varieties most often met in California have their own entries.
// Names are the ones speakers and language-access services use (Guatemala's ALMG spellings for Mayan
// languages); `also` holds the other spellings sheets use, read but never shown.

export interface ExtraLanguage {
  code: string;
  en: string;
  es: string;
  also?: readonly string[];
  /** Shown instead of CLDR's name, which would mislead (cmn is "Chinese" there, like zh). */
  overridesCldr?: true;
}

export const EXTRA_LANGUAGES: readonly ExtraLanguage[] = [
  { code: 'mam', en: 'Mam', es: 'mam' },
  { code: 'quc', en: "K'iche'", es: "k'iche'", also: ['Quiché', 'Quiche', 'Kiche'] },
  { code: 'kjb', en: "Q'anjob'al", es: "q'anjob'al", also: ['Kanjobal', 'Qanjobal'] },
  { code: 'knj', en: 'Akateko', es: 'akateko', also: ['Akatek', 'Acateco'] },
  { code: 'cac', en: 'Chuj', es: 'chuj' },
  { code: 'ixl', en: 'Ixil', es: 'ixil' },
  { code: 'kek', en: "Q'eqchi'", es: "q'eqchi'", also: ['Kekchi', 'Kekchí', 'Quekchí'] },
  { code: 'cak', en: 'Kaqchikel', es: 'kaqchikel', also: ['Cakchiquel', 'Kakchikel'] },
  { code: 'jac', en: "Popti'", es: "popti'", also: ['Jakaltek', 'Jacalteco', 'Jakalteko'] },
  { code: 'tzj', en: "Tz'utujil", es: "tz'utujil", also: ['Tzutujil', 'Zutuhil'] },
  { code: 'poh', en: "Poqomchi'", es: "poqomchi'", also: ['Pocomchí'] },
  { code: 'qmx', en: 'Mixtec', es: 'mixteco', also: ['Mixteco', 'Mixteca', 'Tu’un savi'] },
  { code: 'mix', en: 'Mixtepec Mixtec', es: 'mixteco de San Juan Mixtepec' },
  { code: 'zap', en: 'Zapotec', es: 'zapoteco', also: ['Zapoteca'] },
  { code: 'qtq', en: 'Triqui', es: 'triqui', also: ['Trique'] },
  { code: 'trc', en: 'Copala Triqui', es: 'triqui de Copala' },
  { code: 'trs', en: 'Chicahuaxtla Triqui', es: 'triqui de Chicahuaxtla' },
  { code: 'tzo', en: 'Tsotsil', es: 'tsotsil', also: ['Tzotzil'] },
  { code: 'tzh', en: 'Tseltal', es: 'tseltal', also: ['Tzeltal'] },
  { code: 'nah', en: 'Nahuatl', es: 'náhuatl', also: ['Nahua'] },
  {
    code: 'tsz',
    en: 'Purépecha',
    es: 'purépecha',
    also: ['Purepecha', "P'urhépecha", 'Tarasco', 'Tarascan'],
  },
  { code: 'cab', en: 'Garifuna', es: 'garífuna' },
  {
    code: 'cmn',
    en: 'Mandarin',
    es: 'mandarín',
    also: ['Mandarin Chinese', 'Chino mandarín', 'Putonghua'],
    overridesCldr: true,
  },
  { code: 'yue', en: 'Cantonese', es: 'cantonés', also: ['Cantonese Chinese', 'Chino cantonés'] },
];
