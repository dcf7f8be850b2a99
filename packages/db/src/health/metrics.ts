// Gauges Prometheus reads from the database side of an app: its connection pool, and for pets the
// outbox backlog. Read at scrape time, so they cost nothing between scrapes.
import { scrapedGauge } from "@burrow/observability/metrics";
import { type Db, poolOf, prisma } from "../client";
import { outboxRepository } from "../outbox/dispatch";

/** Registers the pool gauges, and with `outbox` the outbox ones; repeated calls change nothing. */
export function registerDbMetrics({ outbox = false, db = prisma }: { outbox?: boolean; db?: Db } = {}): void {
  scrapedGauge("burrow_db_pool_connections", "PostgreSQL pool connections by state", ["state"], (set) => {
    const pool = poolOf(db);
    set({ state: "total" }, pool.totalCount);
    set({ state: "idle" }, pool.idleCount);
    set({ state: "waiting" }, pool.waitingCount);
  });
  if (!outbox) return;
  scrapedGauge(
    "burrow_outbox_events",
    "Outbox events not delivered yet: waiting (to be sent or retried) and parked (gave up)",
    ["state"],
    async (set) => {
      const stats = await outboxRepository(db).stats(new Date());
      set({ state: "waiting" }, stats.undelivered);
      set({ state: "parked" }, stats.parked);
    },
  );
  scrapedGauge(
    "burrow_outbox_lag_seconds",
    "Age of the oldest undelivered, unparked event (0: none)",
    [],
    async (set) => {
      const stats = await outboxRepository(db).stats(new Date());
      set({}, (stats.oldestUndeliveredMs ?? 0) / 1000);
    },
  );
}
