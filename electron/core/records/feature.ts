import type { Feature } from '../feature';
import { recordHandlers } from '../handlers/records';
import { recordIoHandlers } from '../handlers/records-io';
import { seedFacilities } from './facilities';

export const recordsFeature: Feature = {
  name: 'records',
  handlers: (ctx) => ({ ...recordHandlers(ctx), ...recordIoHandlers(ctx) }),
  onCreate: (session, ctx) => seedFacilities(session, ctx.clock),
};
