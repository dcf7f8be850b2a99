import { type DayState, type IsoDate, isoWeekday } from "@burrow/booking";

const STATE_LABELS: Record<DayState, { short: string; long: string }> = {
  free: { short: "free", long: "Free" },
  booked: { short: "booked", long: "Booked" },
  requested: { short: "req.", long: "Requested" },
  blocked: { short: "blocked", long: "Blocked" },
  off: { short: "off", long: "Not on the weekly plan" },
};

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
    <div className="calendar">
      <p className="muted">Dates in the listing's time zone ({timeZone}). A day is the night that begins on it.</p>
      <ul className="calendar__legend" aria-label="Legend">
        {states.map((state) => (
          <li key={state}>
            <span className={`day day--${state}`}>{STATE_LABELS[state].short}</span> {STATE_LABELS[state].long}
          </li>
        ))}
      </ul>
      <div className="calendar__months">
        {byMonth(days).map(([month, monthDays]) => (
          <table key={month} className="calendar__month">
            <caption>{monthName(month)}</caption>
            <thead>
              <tr>
                {WEEKDAYS.map(([short, long]) => (
                  <th key={short} scope="col">
                    <abbr title={long}>{short}</abbr>
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
                        className={`day day--${day.state}`}
                        data-date={day.date}
                        data-state={day.state}
                      >
                        <span className="day__number">{Number(day.date.slice(8))}</span>
                        <span className="day__state" aria-hidden="true">
                          {STATE_LABELS[day.state].short}
                        </span>
                        <span className="visually-hidden">{STATE_LABELS[day.state].long}</span>
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
    </div>
  );
}
