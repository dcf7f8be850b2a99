import { type DayState, type IsoDate, isoWeekday } from "@burrow/booking";
import { inlineList } from "@burrow/ui/classes";

const STATE_LABELS: Record<DayState, { short: string; long: string }> = {
  free: { short: "free", long: "Free" },
  booked: { short: "booked", long: "Booked" },
  requested: { short: "req.", long: "Requested" },
  blocked: { short: "blocked", long: "Blocked" },
  off: { short: "off", long: "Not on the weekly plan" },
};

/** Each state's look; every cell also says its state in text, so colour only repeats it. */
const STATE_CLASSES: Record<DayState, string> = {
  free: "bg-[#e3f1e8]",
  booked: "bg-accent text-accent-contrast",
  requested: "bg-[#fbe8b8]",
  blocked: "bg-[#e6e1dc] line-through",
  off: "bg-[repeating-linear-gradient(135deg,#f5f2ee_0_4px,#ebe6e0_4px_8px)] text-muted",
};

const MONTH_TABLE = [
  "m-0 w-full table-fixed border-separate border-spacing-0.5 rounded-card border border-border bg-surface p-1",
  "[&_caption]:pb-1 [&_caption]:text-start [&_caption]:font-bold [&_th]:font-semibold [&_th]:text-xs",
  "[&_td]:rounded [&_td]:p-0.5 [&_td]:text-center [&_td]:align-top [&_td]:leading-tight",
].join(" ");

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

type Day = { date: IsoDate; state: DayState };

function byMonth(days: Day[]): [month: string, days: Day[]][] {
  const months = new Map<string, Day[]>();
  for (const day of days) {
    const key = day.date.slice(0, 7);
    const list = months.get(key);
    if (list) list.push(day);
    else months.set(key, [day]);
  }
  return [...months];
}

function weeksOf(days: Day[]): (Day | null)[][] {
  const cells: (Day | null)[] = [...Array(isoWeekday(days[0]?.date ?? "2000-01-03") - 1).fill(null), ...days];
  const weeks: (Day | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) {
    const week = cells.slice(i, i + 7);
    weeks.push([...week, ...Array(7 - week.length).fill(null)]);
  }
  return weeks;
}

const monthName = (month: string) =>
  new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T12:00:00Z`),
  );

/**
 * Month tables of day states: every cell carries its state as text (colour only repeats it), and
 * the legend explains the short labels. `states` lists the states this calendar can show.
 */
export function AvailabilityCalendar({
  days,
  states,
  timeZone,
}: {
  days: Day[];
  states: readonly DayState[];
  timeZone: string;
}) {
  return (
    <>
      <p className="text-muted">Dates in the listing's time zone ({timeZone}). A day is the night that begins on it.</p>
      <ul className={`${inlineList} mb-4`} aria-label="Legend">
        {states.map((state) => (
          <li key={state}>
            <span className={`inline-block rounded px-1 text-xs ${STATE_CLASSES[state]}`}>
              {STATE_LABELS[state].short}
            </span>{" "}
            {STATE_LABELS[state].long}
          </li>
        ))}
      </ul>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,19rem),1fr))] items-start gap-4">
        {byMonth(days).map(([month, monthDays]) => (
          <table key={month} className={MONTH_TABLE}>
            <caption>{monthName(month)}</caption>
            <thead>
              <tr>
                {WEEKDAYS.map(([short, long]) => (
                  <th key={short} scope="col">
                    <abbr title={long} className="no-underline">
                      {short}
                    </abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeksOf(monthDays).map((week) => (
                <tr key={week.find(Boolean)?.date}>
                  {week.map((day, i) =>
                    day ? (
                      <td
                        key={day.date}
                        className={STATE_CLASSES[day.state]}
                        data-date={day.date}
                        data-state={day.state}
                      >
                        <span className="block font-semibold">{Number(day.date.slice(8))}</span>
                        <span className="block text-[0.625rem] wrap-anywhere" aria-hidden="true">
                          {STATE_LABELS[day.state].short}
                        </span>
                        <span className="sr-only">{STATE_LABELS[day.state].long}</span>
                      </td>
                    ) : (
                      <td key={`pad-${i}`} />
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
