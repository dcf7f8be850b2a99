// Reading the apps' /api/metrics in the e2e run: the token the Playwright config gives both apps,
// and the Prometheus text format taken apart by series.

/** METRICS_TOKEN of both apps in the e2e run. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-do-not-use-elsewhere";

export interface Scrape {
  /** Every sample line (`name{labels} value`), comments left out. */
  series: string[];
  /** The value of the one sample named `name` whose labels include `labels` (0 when absent). */
  value(name: string, labels?: Record<string, string>): number;
}

export async function scrape(baseUrl: string): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`${baseUrl}/api/metrics answered ${res.status}`);
  const series = (await res.text()).split("\n").filter((line) => line && !line.startsWith("#"));
  return {
    series,
    value(name, labels = {}) {
      const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
      const line = series.find((sample) => {
        const [head = ""] = sample.split(" ");
        const [sampleName, rest = ""] = head.split("{");
        return sampleName === name && wanted.every((pair) => rest.includes(pair));
      });
      return line ? Number(line.split(" ").at(-1)) : 0;
    },
  };
}
