import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { ApiRequestError } from '../api/client.js';
import {
  type AutoTopUp,
  useAutoTopUp,
  useBalance,
  useDisableAutoTopUp,
  usePacks,
  useQuote,
} from '../api/queries.js';
import { useSelectedOrganizationId } from '../auth/use-session.js';
import { AttemptsList } from '../auto-top-up/AttemptsList.js';
import { ForgetCardButton } from '../auto-top-up/ForgetCardButton.js';
import { RuleForm } from '../auto-top-up/RuleForm.js';
import { cardText, RULE_STATUS_TEXT } from '../auto-top-up/status-text.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { useSelectedOrganization } from '../organizations/use-selected-organization.js';

const SAVE_A_CARD = '/buy?save-card=1';

/**
 * The selected wallet's auto top-up: the rule and what its status means, the saved card (or how to
 * save one: a purchase with "Save this card for auto top-up"), the form that turns it on, and the
 * attempts. An organization's rule is managed by its owners and billing admins; a member gets the
 * API's 403, explained here instead of the screen.
 */
export function AutoTopUpScreen() {
  const selectedId = useSelectedOrganizationId();
  const organization = useSelectedOrganization();
  const rule = useAutoTopUp();
  const forbidden =
    rule.error instanceof ApiRequestError && rule.error.body.statusCode === 403 ? rule.error : null;
  const walletName = selectedId === null ? null : (organization?.name ?? 'the organization');

  return (
    <Screen title="Auto top-up">
      <p className="muted" data-testid="managing-for">
        {walletName ? `For ${walletName}’s wallet` : 'For your personal wallet'}
      </p>
      {forbidden ? (
        <div className="notice" role="status" data-testid="auto-top-up-forbidden">
          <p>
            Only the owners and billing admins of {walletName} can see and change its auto top-up, so there is
            nothing here for you to change. Ask one of them if the wallet should top itself up.
          </p>
          <p className="muted">The service answered: {forbidden.message}</p>
        </div>
      ) : (
        <ErrorNotice error={rule.error} />
      )}
      {rule.isPending && <p className="muted">Loading…</p>}
      {rule.data && <AutoTopUpDetails rule={rule.data} />}
    </Screen>
  );
}

function AutoTopUpDetails({ rule }: { rule: AutoTopUp }) {
  const packs = usePacks();
  const balance = useBalance();
  const quote = useQuote(rule.credits);
  const disable = useDisableAutoTopUp();
  const status = RULE_STATUS_TEXT[rule.status];
  const currency = quote.data?.currency ?? packs.data?.currency ?? 'usd';
  const card = rule.paymentMethod ? cardText(rule.paymentMethod) : null;

  return (
    <>
      <div className="grid">
        <article className="card" aria-labelledby="rule-title">
          <h2 id="rule-title">Status</h2>
          <p
            className={`rule-status rule-status--${rule.status.toLowerCase()}`}
            data-testid="auto-top-up-status"
          >
            {status.label}
          </p>
          <p>{status.meaning}</p>
          {rule.status === 'REQUIRES_ACTION' && (
            <Link to={SAVE_A_CARD}>Buy credits and confirm the card</Link>
          )}
          <dl className="stats">
            <div>
              <dt>Balance now</dt>
              <dd data-testid="auto-top-up-balance">
                {balance.data ? `${formatCredits(balance.data.remaining)} credits` : '…'}
              </dd>
            </div>
            {rule.threshold !== null && (
              <div>
                <dt>Tops up below</dt>
                <dd>{formatCredits(rule.threshold)} credits</dd>
              </div>
            )}
            {rule.credits !== null && (
              <div>
                <dt>Each top-up</dt>
                <dd data-testid="rule-top-up">
                  {formatCredits(rule.credits)} credits
                  {quote.data ? ` for ${formatMoney(quote.data.amount, quote.data.currency)}` : ''}
                </dd>
              </div>
            )}
            {rule.maxPerMonth !== null && (
              <div>
                <dt>At most</dt>
                <dd>{rule.maxPerMonth} a month</dd>
              </div>
            )}
            {rule.threshold !== null && (
              <div>
                <dt>Monthly spend limit</dt>
                <dd>
                  {rule.monthlySpendLimit === null ? 'None' : formatMoney(rule.monthlySpendLimit, currency)}
                </dd>
              </div>
            )}
            <div>
              <dt>Consent given</dt>
              <dd data-testid="consented-at">
                {rule.consentedAt ? formatDateTime(rule.consentedAt) : 'Not yet'}
              </dd>
            </div>
          </dl>
          <ErrorNotice error={quote.error ?? balance.error} />
          {(rule.status === 'ACTIVE' || rule.status === 'REQUIRES_ACTION') && (
            <div className="card__actions">
              <Button className="button" isDisabled={disable.isPending} onPress={() => disable.mutate()}>
                Turn off auto top-up
              </Button>
              <ErrorNotice error={disable.error} />
            </div>
          )}
        </article>
        <article className="card" aria-labelledby="card-title">
          <h2 id="card-title">Saved card</h2>
          {card ? (
            <>
              <p className="saved-card" data-testid="saved-card">
                {card}
              </p>
              <p className="muted">
                Only the brand and the last four digits are kept here; the card itself stays with the payment
                provider.
              </p>
              <ForgetCardButton card={card} />
            </>
          ) : (
            <>
              <p data-testid="saved-card">No saved card.</p>
              <p className="muted">
                Auto top-up charges a card saved at a purchase: buy credits with “Save this card for auto
                top-up” ticked, and the card you pay with is kept for it.
              </p>
              <Link className="button button--primary" to={SAVE_A_CARD}>
                Buy credits and save a card
              </Link>
            </>
          )}
        </article>
      </div>
      <article className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">{rule.status === 'ACTIVE' ? 'Change the rule' : 'Turn on auto top-up'}</h2>
        {!card && <p className="muted">Save a card first: auto top-up needs one to charge.</p>}
        {packs.data && (
          <RuleForm rule={rule} currency={currency} creditsPerUnit={packs.data.creditsPerUnit} />
        )}
        <ErrorNotice error={packs.error} />
      </article>
      <article className="card" aria-labelledby="attempts-title">
        <h2 id="attempts-title">Top-ups</h2>
        <AttemptsList currency={currency} />
      </article>
    </>
  );
}
