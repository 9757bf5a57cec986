/** Where the passive listener may speak: every channel, an allow list, minus a deny list. */
export class ChannelFilter {
  private readonly allow: ReadonlySet<string>;
  private readonly deny: ReadonlySet<string>;

  constructor(allow: readonly string[] = [], deny: readonly string[] = []) {
    this.allow = new Set(allow);
    this.deny = new Set(deny);
  }

  listensIn(channelId: string): boolean {
    if (this.deny.has(channelId)) return false;
    return this.allow.size === 0 || this.allow.has(channelId);
  }
}
