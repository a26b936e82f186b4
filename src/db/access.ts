// Builds Actors (grants + the units they reach) and caches them per access revision, so an
// authenticated request costs one session query, not a walk of the unit graph.
import type { Actor, Grant } from '../core/roles.ts';
import type { Role } from './schema.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import { todayVN } from '../core/dates.ts';
import type { Db } from './engine.ts';
import { loadUnitGraph } from './repos/units.ts';
import { readRevision } from './repos/revisions.ts';

interface UserInfo {
  userId: number;
  username: string;
  fullName: string;
  unitId: number;
}

export class AccessCache {
  private revision = -1;
  private readAt = -Infinity;
  private day = '';
  private graph: UnitGraph | null = null;
  private graphLoading: Promise<UnitGraph> | null = null;
  private actors = new Map<number, Actor>();
  private memos = new Map<string, unknown>();
  static readonly MEMO_MAX = 5000;

  constructor(private readonly database: Db) {}

  /**
   * Drops everything cached when a newer revision is seen (or the date, which moves "today", changed).
   * Only forward: a request that read an older revision just before a write uses the newer cache.
   */
  private sync(revision: number) {
    const today = todayVN();
    if (revision > this.revision || today !== this.day) {
      this.revision = revision;
      this.day = today;
      this.graph = null;
      this.graphLoading = null;
      this.actors.clear();
      this.memos.clear();
    }
  }

  /**
   * A value derived from the units and grants (a presented unit, say), kept until they change.
   * The key must name everything else the value depends on (the user, the date asked for).
   */
  memo<T>(revision: number, key: string, make: () => T): T {
    this.sync(revision);
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = make();
    if (this.memos.size >= AccessCache.MEMO_MAX) this.memos.clear();
    this.memos.set(key, value);
    return value;
  }

  /**
   * The access revision in the database now (read, and the cache brought up to it). maxAgeMs: a read that recent is
   * taken instead, for public pages, which need the units but no one's rights: under a flood of submissions the read
   * cost more than the rest of the route's own work, as every commit of the writer thread empties this connection's
   * page cache. Rights are always read afresh (the default).
   */
  async currentRevision(maxAgeMs = 0): Promise<number> {
    const now = performance.now();
    if (now - this.readAt < maxAgeMs) return this.revision;
    const revision = await readRevision(this.database.db, 'access');
    this.readAt = now;
    this.sync(revision);
    return revision;
  }

  /** The unit graph at the revision given, or at the current one. */
  async unitGraph(revision?: number): Promise<UnitGraph> {
    if (revision === undefined) await this.currentRevision();
    else this.sync(revision);
    if (this.graph) return this.graph;
    if (!this.graphLoading) {
      const rev = this.revision;
      this.graphLoading = loadUnitGraph(this.database.db).then((g) => {
        if (this.revision === rev) this.graph = g;
        return g;
      });
    }
    return this.graphLoading;
  }

  /** The actor for a user at revision; grants are read once per revision. */
  async actor(user: UserInfo, revision: number): Promise<Actor> {
    this.sync(revision);
    const cached = this.actors.get(user.userId);
    if (cached && cached.username === user.username && cached.fullName === user.fullName) return cached;
    const graph = await this.unitGraph(revision);
    const rows = await this.database.db
      .selectFrom('grants')
      .select(['id', 'unit_id', 'role'])
      .where('user_id', '=', user.userId)
      .execute();
    const grants: Grant[] = rows.map((r) => ({ id: r.id, unitId: r.unit_id, role: r.role }));
    const actor = buildActor(user, grants, graph, this.day);
    if (this.graph === graph) this.actors.set(user.userId, actor);
    return actor;
  }
}

/** Pure: the roles each unit receives from the actor's grants through the scope closure. */
export function buildActor(user: UserInfo, grants: Grant[], graph: UnitGraph, today: string): Actor {
  const rolesByUnit = new Map<number, Set<Role>>();
  let rootAdmin = false;
  for (const g of grants) {
    if (g.role === 'admin' && graph.structuralVersion(g.unitId, today)?.parentId == null) rootAdmin = true;
    for (const unitId of graph.scopeOf(g.unitId, today)) {
      const set = rolesByUnit.get(unitId) ?? new Set<Role>();
      set.add(g.role);
      rolesByUnit.set(unitId, set);
    }
  }
  return { ...user, grants, rolesByUnit, rootAdmin };
}
