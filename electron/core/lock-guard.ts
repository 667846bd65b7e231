import type { HandlerGroup, ServiceContext } from './kernel/context';

// Every feature channel needs the unlocked vault. Checking the lock here, before a handler sees its
// input, makes "locked means LOCKED" structural: a handler that parses a card or decodes a bundle first
// can't answer anything else (CARD_INVALID, a TypeError) while the vault is locked.

export function requireUnlocked(group: HandlerGroup, ctx: ServiceContext): HandlerGroup {
  const guarded: Record<string, (input: never) => unknown> = {};
  for (const [channel, handler] of Object.entries(group) as [string, (input: never) => unknown][]) {
    guarded[channel] = (input) => {
      ctx.session();
      return handler(input);
    };
  }
  return guarded as HandlerGroup;
}
