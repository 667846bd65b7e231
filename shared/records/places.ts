// Northern California counties (for demo data and county pickers).
export const COUNTIES_NORCAL = [
  'Alameda',
  'Contra Costa',
  'Marin',
  'Napa',
  'San Francisco',
  'San Mateo',
  'Santa Clara',
  'Santa Cruz',
  'Solano',
  'Sonoma',
  'Sacramento',
  'San Joaquin',
  'Monterey',
  'Fresno',
  'Yolo',
] as const;
