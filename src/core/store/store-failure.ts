/** Why the store could not do what was asked. */
export type StoreFailureKind = 'full' | 'corrupt' | 'unwritable' | 'unreachable' | 'failed';

const FOR_PEOPLE: Record<StoreFailureKind, string> = {
  full: "the bot's storage is full",
  corrupt: "the bot's store is damaged",
  unwritable: 'the bot cannot write to its store',
  unreachable: "the bot's database cannot be reached",
  failed: "the bot's store failed",
};

/**
 * The store could not read or write: the disk is full, the file is damaged or not writable, the
 * database is out of reach. Every engine raises this instead of its own errors. The message is
 * one line for the operator, naming the setting (DATA_DIR, DATABASE_URL) and what to do; people
 * in the chat are told `forPeople` instead, which names no path or address.
 */
export class StoreFailure extends Error {
  override readonly name = 'StoreFailure';

  constructor(
    readonly kind: StoreFailureKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** What a moderator (or anyone whose press or change was not kept) is told. */
  get forPeople(): string {
    return `Not saved: ${FOR_PEOPLE[this.kind]}, so nothing was changed. Tell whoever runs the bot, and try again once it is fixed.`;
  }
}
