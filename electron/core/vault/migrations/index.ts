import { m0001Office } from './0001-office';
import { m0002Records } from './0002-records';
import { m0003Sync } from './0003-sync';
import { m0004FieldContext } from './0004-field-context';
import { m0005InboxFiles } from './0005-inbox-files';
import { m0006Deletes } from './0006-deletes';
import { m0007NeedToKnow } from './0007-need-to-know';
import { m0008Hotline } from './0008-hotline';
import { m0009SyncScale } from './0009-sync-scale';
import { m0010Deadlines } from './0010-deadlines';
import { m0011CaseFile } from './0011-case-file';
import { m0012PeopleSearchDigits } from './0012-people-search-digits';
import { m0013PendingDeletes } from './0013-pending-deletes';
import { m0014PeoplePlainColumns } from './0014-people-plain-columns';
import { m0015DeadlineOrder } from './0015-deadline-order';
import { m0016HeldSince } from './0016-held-since';
import { m0017PhoneEndings } from './0017-phone-endings';
import { m0018BundleHeldSince } from './0018-bundle-held-since';
import type { Migration } from './types';

// Append new migrations here, in order. Never edit one that has shipped: add the next number instead.
export const MIGRATIONS: readonly Migration[] = [
  m0001Office,
  m0002Records,
  m0003Sync,
  m0004FieldContext,
  m0005InboxFiles,
  m0006Deletes,
  m0007NeedToKnow,
  m0008Hotline,
  m0009SyncScale,
  m0010Deadlines,
  m0011CaseFile,
  m0012PeopleSearchDigits,
  m0013PendingDeletes,
  m0014PeoplePlainColumns,
  m0015DeadlineOrder,
  m0016HeldSince,
  m0017PhoneEndings,
  m0018BundleHeldSince,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
