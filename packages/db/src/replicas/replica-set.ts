// Streaming replicas for reads that may be slightly behind the primary (anonymous search, listing
// pages, public profiles). A probe asks each replica every second how far it has replayed; a read is
// sent to a replica only when it is up, on the primary's timeline, no more than maxLagSeconds behind,
// and, for a session that has just written, past that write's WAL position (read-your-writes).
// Otherwise the read goes to the primary: a replica never makes a read fail.
import { log as logger } from "@burrow/observability/log";
import pg from "pg";

export interface ReplicaStatus {
  /** host:port, never credentials. */
  name: string;
  usable: boolean;
  lagSeconds: number | null;
  replayLsn: string | null;
  /** Why it is skipped (down, lagging, diverged timeline, not a replica). */
  reason?: string;
}

export interface ReplicaSetOptions {
  primary: pg.Pool;
  urls: string[];
  maxLagSeconds: number;
  poolSize?: number;
  probeMs?: number;
  /** Each change of a replica's state; `usable` false for a skipped one (logged as a warning). */
  log?: (line: string, usable: boolean) => void;
}

interface Replica {
  name: string;
  pool: pg.Pool;
  status: ReplicaStatus;
}

/** "16/B374D848" → a number that orders like the WAL position. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split("/");
  if (hi === undefined || lo === undefined) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

const PROBE = `SELECT pg_is_in_recovery() AS recovering,
       pg_last_wal_replay_lsn()::text AS replay_lsn,
       (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline`;

/** Primary WAL positions kept for measuring lag: one per probe that saw the primary move, so ~15 min at 1 s. */
const MAX_SAMPLES = 1_000;

export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly primary: pg.Pool;
  private readonly maxLagSeconds: number;
  private readonly log: (line: string, usable: boolean) => void;
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  /** When each probe first saw the primary at a new WAL position, oldest first. */
  private readonly samples: { at: number; lsn: bigint }[] = [];

  constructor({
    primary,
    urls,
    maxLagSeconds,
    poolSize = 5,
    log = (line, usable) => (usable ? logger.info : logger.warn).call(logger, { component: "replicas" }, line),
  }: ReplicaSetOptions) {
    this.primary = primary;
    this.maxLagSeconds = maxLagSeconds;
    this.log = log;
    this.replicas = urls.map((url) => {
      const { hostname, port } = new URL(url);
      const name = `${hostname}:${port || 5432}`;
      // Fail fast on a replica that is down rather than queueing a read behind its connect timeout.
      const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 2_000 });
      pool.on("error", () => {});
      return {
        name,
        pool,
        status: { name, usable: false, lagSeconds: null, replayLsn: null, reason: "not probed yet" },
      };
    });
  }

  /**
   * Refuses (throws, naming DATABASE_REPLICA_URLS) a URL that reaches a server not in recovery: a primary
   * given as a replica. Run at start-up; an unreachable replica is not refused, only skipped.
   */
  async verify(): Promise<void> {
    for (const replica of this.replicas) {
      let recovering: boolean;
      try {
        const { rows } = await replica.pool.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
        recovering = rows[0]?.r === true;
      } catch {
        continue;
      }
      if (!recovering) {
        throw new Error(
          `DATABASE_REPLICA_URLS: ${replica.name} is not a replica (pg_is_in_recovery() is false): refusing to start`,
        );
      }
    }
    await this.probe();
  }

  /** Probes now and then every `probeMs` until close(). */
  start(probeMs = 1_000): void {
    if (this.timer || this.replicas.length === 0) return;
    const tick = () => {
      void this.probe().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, probeMs).unref();
      });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async probe(): Promise<void> {
    let primaryTimeline: number | null = null;
    try {
      const { rows } = await this.primary.query<{ timeline: number; lsn: string }>(
        "SELECT timeline_id AS timeline, pg_current_wal_lsn()::text AS lsn FROM pg_control_checkpoint()",
      );
      const row = rows[0];
      if (row) {
        primaryTimeline = row.timeline;
        this.sample(lsnValue(row.lsn));
      }
    } catch {
      // The primary's own health is readiness' postgres check; judge the replicas on what they say.
    }
    await Promise.all(this.replicas.map((replica) => this.probeOne(replica, primaryTimeline)));
  }

  private sample(lsn: bigint): void {
    const last = this.samples.at(-1);
    if (last && last.lsn >= lsn) return;
    this.samples.push({ at: Date.now(), lsn });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  /**
   * How long ago the primary was first seen past `replayLsn`: 0 when the replica has replayed all the
   * primary had written at the last probe. Time since the last replayed commit is no measure: after a
   * quiet spell it is large even for a replica a millisecond behind a new write. Resolution: one probe.
   */
  private lagSeconds(replayLsn: bigint): number {
    const ahead = this.samples.find((s) => s.lsn > replayLsn);
    return ahead ? Math.round((Date.now() - ahead.at) / 100) / 10 : 0;
  }

  private async probeOne(replica: Replica, primaryTimeline: number | null): Promise<void> {
    const was = replica.status;
    let status: ReplicaStatus;
    try {
      const { rows } = await replica.pool.query<{
        recovering: boolean;
        replay_lsn: string | null;
        timeline: number;
      }>(PROBE);
      const row = rows[0];
      const lag = row?.replay_lsn ? this.lagSeconds(lsnValue(row.replay_lsn)) : null;
      const base = { name: replica.name, lagSeconds: lag, replayLsn: row?.replay_lsn ?? null };
      if (!row?.recovering) status = { ...base, usable: false, reason: "not in recovery (promoted?)" };
      else if (primaryTimeline !== null && row.timeline !== primaryTimeline) {
        status = {
          ...base,
          usable: false,
          reason: `timeline ${row.timeline} diverged from the primary's ${primaryTimeline}`,
        };
      } else if (lag !== null && lag > this.maxLagSeconds) {
        status = { ...base, usable: false, reason: `lagging ${lag} s (> ${this.maxLagSeconds} s)` };
      } else status = { ...base, usable: true };
    } catch (error) {
      const code = (error as { code?: string }).code;
      status = {
        name: replica.name,
        usable: false,
        lagSeconds: null,
        replayLsn: null,
        reason: `down (${code ?? "unreachable"})`,
      };
    }
    replica.status = status;
    if (was.usable !== status.usable || was.reason !== status.reason) {
      this.log(`[replicas] ${replica.name}: ${status.usable ? "in use" : `skipped: ${status.reason}`}`, status.usable);
    }
  }

  /**
   * A usable replica's pool, round-robin, that has replayed at least `minLsn` (the session's last write),
   * or null: read from the primary.
   */
  pick(minLsn?: string | null): pg.Pool | null {
    const floor = minLsn ? lsnValue(minLsn) : null;
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length] as Replica;
      const { usable, replayLsn } = replica.status;
      if (!usable || !replayLsn) continue;
      if (floor !== null && lsnValue(replayLsn) < floor) continue;
      this.next = (this.next + i + 1) % this.replicas.length;
      return replica.pool;
    }
    return null;
  }

  /**
   * Runs a read on a picked replica, or on the primary when none fits. A read that fails on a replica is
   * run again on the primary: when the primary answers, the replica was at fault (down since the last
   * probe, a recovery conflict…), so it is skipped until a probe, started at once, finds it healthy;
   * when the primary fails too, the read itself was wrong and the primary's error is thrown.
   */
  async use<T>(read: (pool: pg.Pool) => Promise<T>, minLsn?: string | null): Promise<T> {
    const pool = this.pick(minLsn);
    if (!pool) return read(this.primary);
    try {
      return await read(pool);
    } catch (error) {
      const answer = await read(this.primary);
      const replica = this.replicas.find((r) => r.pool === pool);
      if (replica?.status.usable) {
        const code = (error as { code?: string }).code;
        replica.status = { ...replica.status, usable: false, reason: `down (${code ?? "read failed"})` };
        this.log(`[replicas] ${replica.name}: skipped: ${replica.status.reason}; read retried on the primary`, false);
        void this.probe();
      }
      return answer;
    }
  }

  /** One statement through use(). */
  read<R extends pg.QueryResultRow>(query: pg.QueryConfig, minLsn?: string | null): Promise<pg.QueryResult<R>> {
    return this.use((pool) => pool.query<R>(query), minLsn);
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ ...r.status }));
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => {})));
  }
}

/**
 * The primary's WAL position now: what a session that just wrote must see replayed. The insert position,
 * not the write position: with synchronous_commit off, a committed transaction's record may not be
 * written out yet.
 */
export async function currentLsn(primary: pg.Pool): Promise<string> {
  const { rows } = await primary.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn");
  return rows[0]?.lsn as string;
}
