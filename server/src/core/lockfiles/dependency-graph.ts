// SPDX-License-Identifier: Apache-2.0
// Answers "which direct dependencies bring this package in" for lockfiles that record their
// dependency graph. Edges are gathered on the first question only, since only packages with
// findings are asked about.

/** What a lockfile parser knows about its graph; node ids are the parser's own keys. */
export interface GraphSource {
  /** Calls `visit` for every dependency edge; runs once, on the first question. */
  forEachEdge(visit: (from: string, to: string) => void): void;
  /** Root or workspace projects: the walk stops there. */
  isImporter(node: string): boolean;
  /** Names under which importers declare `node`; undefined when it is not direct. */
  directNames(node: string): readonly string[] | undefined;
}

export class IntroducerIndex {
  private parents: Map<string, string[]> | undefined;
  private readonly memo = new Map<string, string[]>();

  constructor(private readonly source: GraphSource) {}

  /**
   * Sorted names of the direct dependencies from which some path of dependency edges leads to
   * any of `nodes`. Paths continue through direct dependencies, so a package that a direct
   * dependency reaches through another direct one names both.
   */
  introducers(nodes: readonly string[]): string[] {
    const memoKey = nodes.join('\n');
    const known = this.memo.get(memoKey);
    if (known) return [...known];

    const parents = this.reverseEdges();
    const names = new Set<string>();
    const seen = new Set<string>(nodes);
    const queue = [...nodes];
    for (let at = 0; at < queue.length; at += 1) {
      for (const parent of parents.get(queue[at]) ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        for (const name of this.source.directNames(parent) ?? []) names.add(name);
        if (!this.source.isImporter(parent)) queue.push(parent);
      }
    }

    const result = [...names].sort();
    this.memo.set(memoKey, result);
    return [...result];
  }

  private reverseEdges(): Map<string, string[]> {
    if (this.parents) return this.parents;
    const parents = new Map<string, string[]>();
    this.source.forEachEdge((from, to) => {
      const list = parents.get(to);
      if (list) list.push(from);
      else parents.set(to, [from]);
    });
    this.parents = parents;
    return parents;
  }
}
