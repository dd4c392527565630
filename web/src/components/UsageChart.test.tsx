import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UsageChart } from './UsageChart.js';

describe('UsageChart', () => {
  it('gives the API’s daily figures as a table too, for readers who cannot see the bars', () => {
    const html = renderToStaticMarkup(
      <UsageChart
        days={[
          { key: '2026-11-30', credits: 0, requests: 0 },
          { key: '2026-12-01', credits: 90, requests: 9 },
        ]}
      />,
    );
    expect(html).toContain('Credits spent per day, last 2 days');
    expect(html).toContain('<td>2026-12-01</td><td>90</td><td>9</td>');
    expect(html).toContain('90 credits in all');
    expect(html).toMatch(/class="usage-chart__plot" aria-hidden="true"/);
  });
});
