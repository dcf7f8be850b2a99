import { inlineList } from "@burrow/ui/classes";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const monthName = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
const dayName = new Intl.DateTimeFormat("en", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

type Day = { date: string; free: boolean };

// The state is also in each cell's text (for screen readers) and title; colour only repeats it.
const FREE = "bg-[#dcefdc] text-[#1e4d2b]";
const TAKEN = "bg-[#eee6dc] text-muted line-through";

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
      <ul className={`${inlineList} mb-3 [&_span]:inline-block [&_span]:rounded [&_span]:px-2`}>
        <li>
          <span className={FREE}>12</span> available
        </li>
        <li>
          <span className={TAKEN}>12</span> not available
        </li>
      </ul>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,15rem),1fr))] items-start gap-4">
        {months(days).map((month) => (
          <table
            key={month.key}
            className="m-0 w-full table-fixed border-collapse text-center text-sm [&_caption]:pb-1 [&_caption]:text-start [&_caption]:font-semibold [&_td]:border-2 [&_td]:border-surface [&_td]:py-1 [&_th]:font-medium [&_th]:text-muted"
          >
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
                        className={cell.free ? FREE : TAKEN}
                        title={`${dayName.format(new Date(`${cell.date}T00:00:00Z`))}: ${cell.free ? "available" : "not available"}`}
                        data-date={cell.date}
                        data-free={cell.free}
                      >
                        {Number(cell.date.slice(8))}
                        <span className="sr-only">{cell.free ? ", available" : ", not available"}</span>
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
