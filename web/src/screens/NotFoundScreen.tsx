import { Link } from 'react-router';
import { Screen } from '../components/Screen.js';

export function NotFoundScreen() {
  return (
    <Screen title="Page not found">
      <p>
        There is nothing here. <Link to="/">Go to the overview</Link>.
      </p>
    </Screen>
  );
}
