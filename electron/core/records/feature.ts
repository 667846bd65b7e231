import type { Feature } from '../feature';
import { recordHandlers } from '../handlers/records';
import { seedFacilities } from './facilities';

export const recordsFeature: Feature = {
  name: 'records',
  handlers: recordHandlers,
  onCreate: (session, ctx) => seedFacilities(session, ctx.clock),
};
