import type { ChannelInput } from '../../../shared/ipc';

/** A change to a person as person:update takes it (absent: unchanged; null: cleared). */
export type PersonPatch = ChannelInput<'person:update'>['patch'];
