/**
 * The ways a platform's API fails that a bot cannot tell apart from the outside, for both fakes:
 * a call can be lost before the server acts on it, acted on and then lost, acted on and answered
 * too late, or refused with a 5xx again and again.
 */
export type Fault =
  /** The server acts on the call and answers after `delayMs` (longer than the client waits). */
  | { kind: 'late'; delayMs: number }
  /** The server acts on the call, then the connection closes before any answer. */
  | { kind: 'drop-after' }
  /** The connection closes before the server reads the call: nothing happens. */
  | { kind: 'drop-before' }
  /** The server answers with this status (e.g. 500) and does nothing. */
  | { kind: 'status'; status: number }
  /** The server never answers and does nothing (a hung call). */
  | { kind: 'hang' };

interface Rule {
  /** Which calls: the HTTP method and path on Discord, the Web API method on Slack. */
  matches: (call: string) => boolean;
  fault: Fault;
  /** How many more calls it applies to (Infinity: until cleared). */
  left: number;
}

/** One fault the fake applied, for a test or the fault suite to count. */
export interface InjectedFault {
  call: string;
  fault: Fault['kind'];
  at: number;
}

/** The faults a fake applies, in the order they were added; each call takes the first rule that matches. */
export class FaultPlan {
  private rules: Rule[] = [];
  readonly injected: InjectedFault[] = [];

  /**
   * Applies `fault` to the next `times` calls that match: a string matches the call's name and
   * anything after it (`chat.postMessage` matches `chat.postMessage C1`), a RegExp is tested.
   */
  add(call: string | RegExp, fault: Fault, times = 1): void {
    const matches = typeof call === 'string' ? (c: string) => c === call || c.startsWith(`${call} `) : (c: string) => call.test(c);
    this.rules.push({ matches, fault, left: times });
  }

  /** Removes every rule: the platform is healthy again. */
  clear(): void {
    this.rules = [];
  }

  /** The fault for this call, if any, counted as injected. */
  take(call: string): Fault | undefined {
    const rule = this.rules.find((r) => r.left > 0 && r.matches(call));
    if (rule === undefined) return undefined;
    rule.left -= 1;
    this.injected.push({ call, fault: rule.fault.kind, at: Date.now() });
    return rule.fault;
  }
}
