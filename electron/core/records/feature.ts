import type { FeatureModule } from '../kernel/feature-module';
import { caseFileHandlers } from './case-file-handlers';
import { caseworkHandlers } from './casework-handlers';
import { deleteHandlers, eraseExpired } from './delete-handlers';
import { seedFacilities, seedNewFacilities } from './facilities';
import { recordHandlers } from './handlers';
import { recordIoHandlers } from './io-handlers';

// Records: the CRUD channels of every kind and the case-work queries, CSV and demo data, Recently deleted
// and legal holds. Each unlock erases what has been in Recently deleted longer than the office keeps it.
export const recordsFeature: FeatureModule = {
  name: 'records',
  handlers: (ctx) => ({
    ...recordHandlers(ctx),
    ...recordIoHandlers(ctx),
    ...deleteHandlers(ctx),
    ...caseFileHandlers(ctx),
    ...caseworkHandlers(ctx),
  }),
  onCreate: (session, ctx) => seedFacilities(session, ctx.clock),
  activate: (ctx) => {
    eraseExpired(ctx);
    seedNewFacilities(ctx);
  },
};
