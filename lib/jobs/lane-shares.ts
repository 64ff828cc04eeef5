// How a process's delivery lanes are shared among projects (groups). pg-boss's groupConcurrency caps a
// project across every process (its CRM account's limit); it does not stop a project with a slow CRM and
// a big backlog from holding all of one process's lanes, and since jobs are fetched oldest first, its
// backlog is always ahead of a newer project's job. So each process also caps each project at its share
// of the lanes, and keeps its last free lane for a project that holds none (it may take that lane only
// when nobody else is waiting). Measured (issue 24): a healthy project's time-to-CRM p95 went from
// 0.09 s alone to 353 s beside two projects with a 1.5 s CRM and 400 events queued each.

/** A project that had a lane here this recently keeps one lane free for its next event. */
export const RECENT_MS = 10_000;

export class LaneShares {
  readonly #held = new Map<string, number>();
  readonly #lastSeen = new Map<string, number>();

  constructor(
    readonly lanes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get busy(): number {
    let total = 0;
    for (const count of this.#held.values()) total += count;
    return total;
  }

  take(group: string): void {
    this.#held.set(group, (this.#held.get(group) ?? 0) + 1);
    this.#lastSeen.set(group, this.now());
  }

  release(group: string): void {
    const count = (this.#held.get(group) ?? 1) - 1;
    if (count > 0) this.#held.set(group, count);
    else this.#held.delete(group);
    this.#lastSeen.set(group, this.now());
  }

  /**
   * The most lanes one project may hold here: an equal part of the lanes among the projects holding one,
   * after keeping a lane free for each project that held one in the last RECENT_MS and holds none now —
   * a project sending a steady trickle of events holds a lane only for moments, yet its next event should
   * not wait for a neighbour's slow job to end.
   */
  share(): number {
    const since = this.now() - RECENT_MS;
    for (const [group, at] of this.#lastSeen) if (at < since && !this.#held.has(group)) this.#lastSeen.delete(group);
    const holders = Math.max(1, this.#held.size);
    const waiting = this.#lastSeen.size - this.#held.size;
    return waiting > 0 ? Math.max(1, Math.floor((this.lanes - waiting) / holders)) : Math.ceil(this.lanes / holders);
  }

  /**
   * The projects the next fetch must leave out: those at their share, and, when the lane about to be
   * filled is the last free one, every project holding a lane (so a newcomer gets it without waiting for
   * a neighbour's job to end). `fallback` is the fetch to try when that finds nothing: only the projects
   * at their share are left out, so a lone project still uses every lane.
   */
  excluded(): { first: string[]; fallback: string[] | null } {
    const share = this.share();
    const full = [...this.#held].filter(([, count]) => count >= share).map(([group]) => group);
    const lastLane = this.lanes > 1 && this.busy >= this.lanes - 1;
    if (!lastLane || this.#held.size === 0) return { first: full, fallback: null };
    return { first: [...this.#held.keys()], fallback: full };
  }
}
