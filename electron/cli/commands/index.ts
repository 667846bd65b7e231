import type { Command } from '../command';
import { caseFileCommands } from './case-file';
import { caseworkCommands } from './casework';
import { deleteCommands } from './deletes';
import { hotlineCommands } from './hotline';
import { maintenanceCommands } from './maintenance';
import { recordCommands } from './records';
import { recordIoCommands } from './records-io';
import { syncBundleCommands } from './sync-bundles';
import { syncTrustCommands } from './sync-trust';
import { vaultCommands } from './vault';

// Every CLI command; each area keeps its own list.
export const COMMANDS: readonly Command[] = [
  ...vaultCommands,
  ...recordCommands,
  ...deleteCommands,
  ...hotlineCommands,
  ...recordIoCommands,
  ...caseFileCommands,
  ...caseworkCommands,
  ...syncTrustCommands,
  ...syncBundleCommands,
  ...maintenanceCommands,
];
