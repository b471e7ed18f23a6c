import { AutoSaveStateMiddleware, ConversationState, UserState, type Storage, type StoreItems } from 'botbuilder';
import type { Json, Store } from '../store/store';

/** A write whose eTag no longer matches the stored item: someone else (another instance) wrote it first. */
export class StateConflictError extends Error {
  constructor(readonly key: string) {
    // The wording of botbuilder's own storages, so code that matches on it keeps working.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StateConflictError';
  }
}

/**
 * botbuilder's `Storage` over the bot's store, so dialog and conversation state is shared by
 * every instance and a conversation can continue on any of them. Optimistic concurrency: an item
 * read carries its `eTag`; writing it back with that eTag fails with {@link StateConflictError}
 * if it changed meanwhile; `*` or no eTag overwrites.
 */
export class StoreStorage implements Storage {
  constructor(private readonly store: Store) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const found = await this.store.readState(keys);
    const items: StoreItems = {};
    for (const [key, item] of Object.entries(found)) items[key] = { ...item.value, eTag: item.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...value } = (item ?? {}) as { eTag?: unknown } & Json;
        const result = await this.store.writeState(key, value, typeof eTag === 'string' && eTag !== '' ? eTag : undefined);
        if (!result.ok) throw new StateConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.store.deleteState(keys);
  }
}

/** The bot's state, kept in the store: for dialogs (conversation) and per-user settings. */
export interface BotStateSet {
  storage: StoreStorage;
  conversationState: ConversationState;
  userState: UserState;
  /** Adapter middleware that saves whatever state a turn loaded and changed, at the end of the turn. */
  autoSave: AutoSaveStateMiddleware;
}

/** Builds conversation and user state over the store (the composition root adds `autoSave` to the adapter). */
export function createBotState(store: Store): BotStateSet {
  const storage = new StoreStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return { storage, conversationState, userState, autoSave: new AutoSaveStateMiddleware(conversationState, userState) };
}
