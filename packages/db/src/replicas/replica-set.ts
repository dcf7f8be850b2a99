// Streaming replicas for reads that may be slightly behind the primary (anonymous search, listing
// pages, public profiles). A probe asks each replica every second how far it has replayed; a read is
// sent to a replica only when it is up, on the primary's timeline, no more than maxLagSeconds behind,
// and, for a session that has just written, past that write's WAL position (read-your-writes).
// Otherwise the read goes to the primary: a replica never makes a read fail.
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
  log?: (line: string) => void;
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
       CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag,
       (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline`;

export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly primary: pg.Pool;
  private readonly maxLagSeconds: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private next = 0;

  constructor({ primary, urls, maxLagSeconds, poolSize = 5, log = console.error }: ReplicaSetOptions) {
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
      const { rows } = await this.primary.query<{ timeline: number }>(
        "SELECT timeline_id AS timeline FROM pg_control_checkpoint()",
      );
      primaryTimeline = rows[0]?.timeline ?? null;
    } catch {
      // The primary's own health is readiness' postgres check; judge the replicas on what they say.
    }
    await Promise.all(this.replicas.map((replica) => this.probeOne(replica, primaryTimeline)));
  }

  private async probeOne(replica: Replica, primaryTimeline: number | null): Promise<void> {
    const was = replica.status;
    let status: ReplicaStatus;
    try {
      const { rows } = await replica.pool.query<{
        recovering: boolean;
        replay_lsn: string | null;
        lag: number;
        timeline: number;
      }>(PROBE);
      const row = rows[0];
      const lag = row ? Math.round(row.lag * 10) / 10 : null;
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
      this.log(`[replicas] ${replica.name}: ${status.usable ? "in use" : `skipped: ${status.reason}`}`);
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
   * Runs a read on a picked replica, or on the primary when none fits; a replica that fails mid-read
   * (it went down since the last probe) is marked down and the read is retried on the primary.
   */
  async read<R extends pg.QueryResultRow>(query: pg.QueryConfig, minLsn?: string | null): Promise<pg.QueryResult<R>> {
    const pool = this.pick(minLsn);
    if (pool) {
      try {
        return await pool.query<R>(query);
      } catch (error) {
        const replica = this.replicas.find((r) => r.pool === pool);
        const code = (error as { code?: string }).code;
        // A connection problem (no SQLSTATE, or class 08/57) fails over; a query error is the query's.
        if (!code || /^(08|57)/.test(code) || /^E[A-Z]+$/.test(code)) {
          if (replica?.status.usable) {
            replica.status = { ...replica.status, usable: false, reason: `down (${code ?? "failed"})` };
            this.log(`[replicas] ${replica.name}: skipped: ${replica.status.reason}; read retried on the primary`);
          }
        } else throw error;
      }
    }
    return this.primary.query<R>(query);
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
