// Reading the apps' /api/metrics in the e2e run: the token the Playwright config gives both apps,
// and the Prometheus text format taken apart by series, summed over the instances behind the proxy.

import { INSTANCE_HEADER, SERVED_BY_HEADER } from "@burrow/testing/haproxy";
import { instances } from "./urls";

/** METRICS_TOKEN of both apps in the e2e run. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-do-not-use-elsewhere";

export interface Scrape {
  /** Every sample line (`name{labels} value`) of every instance, comments left out. */
  series: string[];
  /** The value of the one sample named `name` whose labels include `labels`, summed over the instances (0 when absent). */
  value(name: string, labels?: Record<string, string>): number;
}

/** One instance's sample lines, asked through the proxy by the instance-picking header. */
async function instanceSeries(baseUrl: string, n: number): Promise<string[]> {
  const res = await fetch(`${baseUrl}/api/metrics`, {
    headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}`, [INSTANCE_HEADER]: `app${n}` },
  });
  if (res.status !== 200) throw new Error(`${baseUrl}/api/metrics (app${n}) answered ${res.status}`);
  if (res.headers.get(SERVED_BY_HEADER) !== `app${n}`)
    throw new Error(`app${n} was asked, ${res.headers.get(SERVED_BY_HEADER)} answered`);
  return (await res.text()).split("\n").filter((line) => line && !line.startsWith("#"));
}

/** Every instance's metrics, as Prometheus scrapes each instance and sums them in a query. */
export async function scrape(baseUrl: string): Promise<Scrape> {
  const perInstance = await Promise.all(Array.from({ length: instances }, (_, i) => instanceSeries(baseUrl, i + 1)));
  return {
    series: perInstance.flat(),
    value(name, labels = {}) {
      const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
      let sum = 0;
      for (const series of perInstance) {
        const line = series.find((sample) => {
          const [head = ""] = sample.split(" ");
          const [sampleName, rest = ""] = head.split("{");
          return sampleName === name && wanted.every((pair) => rest.includes(pair));
        });
        if (line) sum += Number(line.split(" ").at(-1));
      }
      return sum;
    },
  };
}
