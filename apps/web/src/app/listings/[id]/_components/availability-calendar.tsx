import styles from "../../listings.module.css";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const monthName = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
const dayName = new Intl.DateTimeFormat("en", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

type Day = { date: string; free: boolean };

/** Splits the days into months, each a list of weeks (Monday first) padded with empty cells. */
function months(days: Day[]) {
  const byMonth = new Map<string, Day[]>();
  for (const day of days) {
    const key = day.date.slice(0, 7);
    byMonth.set(key, [...(byMonth.get(key) ?? []), day]);
  }
  return [...byMonth.entries()].map(([key, list]) => {
    const firstDate = new Date(`${key}-01T00:00:00Z`);
    const known = new Map(list.map((d) => [d.date, d]));
    const cells: (Day | { date: string; free: null })[] = [];
    for (let i = 0; i < (firstDate.getUTCDay() + 6) % 7; i++) cells.push({ date: `pad-${i}`, free: null });
    for (let d = new Date(firstDate); d.getUTCMonth() === firstDate.getUTCMonth(); d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10);
      cells.push(known.get(date) ?? { date, free: null });
    }
    const weeks: (typeof cells)[] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    return { key, title: monthName.format(firstDate), weeks };
  });
}

/** Read-only: which nights of the coming months the sitter can take (days before today are blank). */
export function AvailabilityCalendar({ days }: { days: Day[] }) {
  return (
    <>
      <ul className={styles.legend}>
        <li>
          <span className={styles.free}>12</span> available
        </li>
        <li>
          <span className={styles.taken}>12</span> not available
        </li>
      </ul>
      <div className={styles.months}>
        {months(days).map((month) => (
          <table key={month.key} className={styles.month}>
            <caption>{month.title}</caption>
            <thead>
              <tr>
                {WEEKDAYS.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {month.weeks.map((week) => (
                <tr key={week[0]?.date}>
                  {week.map((cell) =>
                    cell.free === null ? (
                      <td key={cell.date} />
                    ) : (
                      <td
                        key={cell.date}
                        className={cell.free ? styles.free : styles.taken}
                        title={`${dayName.format(new Date(`${cell.date}T00:00:00Z`))}: ${cell.free ? "available" : "not available"}`}
                        data-date={cell.date}
                        data-free={cell.free}
                      >
                        {Number(cell.date.slice(8))}
                        <span className={styles.srOnly}>{cell.free ? ", available" : ", not available"}</span>
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </>
  );
}
