import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CreditsDisplay } from './CreditsDisplay.js';

function render(remaining: number): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <CreditsDisplay remaining={remaining} />
    </MemoryRouter>,
  );
}

describe('CreditsDisplay', () => {
  it.each([0, 9, -20])('offers Buy more, linking to /buy, at %i credits', (remaining) => {
    const html = render(remaining);
    expect(html).toContain(`Credits: ${remaining.toLocaleString('en-US')}`);
    expect(html).toMatch(/<a[^>]*href="\/buy"[^>]*>Buy more<\/a>/);
  });

  it.each([10, 11, 12_500])('does not at %i credits', (remaining) => {
    const html = render(remaining);
    expect(html).toContain(`Credits: ${remaining.toLocaleString('en-US')}`);
    expect(html).not.toContain('Buy more');
  });
});
