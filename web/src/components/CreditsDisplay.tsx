import { Link } from 'react-router';
import { formatCredits } from './format.js';

/** Below this many credits the display offers "Buy more" (the seed's CreditsDisplay). */
const LOW_CREDITS = 10;

/** "Credits: N", and a way to buy more when the balance runs low. */
export function CreditsDisplay({ remaining }: { remaining: number }) {
  return (
    <div className="credits-display">
      <p className="credits-display__value" data-testid="credits">
        Credits: {formatCredits(remaining)}
      </p>
      {remaining < LOW_CREDITS && (
        <Link className="button button--primary" to="/buy">
          Buy more
        </Link>
      )}
    </div>
  );
}
