import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One day of GET /api/credits/usage?groupBy=day: `key` is YYYY-MM-DD, zero days included by the API. */
export interface DailyUsage {
  key: string;
  credits: number;
  requests: number;
}

/**
 * Credits spent per day, drawn from what the API answers (nothing is summed here). The table beside it
 * carries the same figures for screen readers and keyboard users, who cannot read a bar's height.
 */
export function UsageChart({ days }: { days: DailyUsage[] }) {
  const total = days.reduce((sum, day) => sum + day.credits, 0);
  return (
    <figure className="usage-chart">
      <figcaption>Credits spent per day, last {days.length} days</figcaption>
      <div className="usage-chart__plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart
            accessibilityLayer={false}
            data={days}
            margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="key" tickFormatter={(key: string) => key.slice(5)} minTickGap={16} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value) => [`${Number(value)} credits`, 'Spent']} />
            <Bar dataKey="credits" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Usage as a table ({total} credits in all)</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Credits</th>
              <th scope="col">Requests</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.key}>
                <td>{day.key}</td>
                <td>{day.credits}</td>
                <td>{day.requests}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
