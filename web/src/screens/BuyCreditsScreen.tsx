import { useState } from 'react';
import {
  Button,
  CheckboxButton,
  CheckboxField,
  FieldError,
  Group,
  Input,
  Label,
  NumberField,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useCheckout, usePacks, useQuote } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatMoney } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { useSelectedOrganization } from '../organizations/use-selected-organization.js';

const PROVIDER_LABELS: Record<string, string> = {
  stripe: 'Stripe',
  dodo: 'Dodo Payments',
  sandbox: 'Sandbox (no real money)',
};

/**
 * The seed's pricing cards from GET /api/billing/packs, and any multiple of the unit priced by
 * GET /api/billing/quote: every price on this screen is the API's. Buying sends the browser to the
 * provider's checkoutUrl; the provider sends it back to /orders/:id. "Save this card for auto top-up"
 * (ticked when the auto top-up screen sends the customer here, `?save-card=1`) keeps the card paid with.
 */
export function BuyCreditsScreen() {
  const packs = usePacks();
  const checkout = useCheckout();
  const [provider, setProvider] = useState<string | null>(null);
  const [custom, setCustom] = useState<number>(Number.NaN);
  const customCredits = Number.isFinite(custom) && custom > 0 ? custom : null;
  const quote = useQuote(customCredits);
  const organization = useSelectedOrganization();
  const [search] = useSearchParams();
  const [saveCard, setSaveCard] = useState(search.get('save-card') === '1');

  const chosenProvider = provider ?? packs.data?.defaultProvider ?? packs.data?.providers[0];

  function buy(credits: number) {
    checkout.mutate(
      { credits, provider: chosenProvider ?? undefined, savePaymentMethod: saveCard },
      { onSuccess: (session) => window.location.assign(session.checkoutUrl) },
    );
  }

  return (
    <Screen title="Buy credits">
      <p className="muted" data-testid="buying-for">
        {organization ? `For ${organization.name}’s wallet` : 'For your personal wallet'}
      </p>
      <ErrorNotice error={packs.error} />
      {packs.data && (
        <>
          {packs.data.providers.length > 1 && (
            <RadioGroup
              className="providers"
              value={chosenProvider}
              onChange={setProvider}
              orientation="horizontal"
            >
              <Label>Pay with</Label>
              <div className="providers__options">
                {packs.data.providers.map((name) => (
                  <Radio key={name} value={name} className="radio">
                    {PROVIDER_LABELS[name] ?? name}
                  </Radio>
                ))}
              </div>
            </RadioGroup>
          )}
          <CheckboxField className="save-card" isSelected={saveCard} onChange={setSaveCard}>
            <CheckboxButton className="checkbox">Save this card for auto top-up</CheckboxButton>
            <Text slot="description" className="muted">
              The card you pay with is kept at the payment provider so that{' '}
              <Link to="/auto-top-up">auto top-up</Link> can charge it; you can forget it there at any time.
            </Text>
          </CheckboxField>
          <ul className="pricing" aria-label="Credit packs">
            {packs.data.packs.map((pack) => (
              <li key={pack.credits} className="card pricing__card">
                <h2>{formatCredits(pack.credits)} Credits</h2>
                <p className="pricing__price" data-testid={`price-${pack.credits}`}>
                  {formatMoney(pack.amount, packs.data.currency)}
                </p>
                <Button
                  className="button button--primary"
                  aria-label={`Buy ${pack.credits} credits for ${formatMoney(pack.amount, packs.data.currency)}`}
                  isDisabled={checkout.isPending}
                  onPress={() => buy(pack.credits)}
                >
                  Buy
                </Button>
              </li>
            ))}
          </ul>
          <article className="card" aria-labelledby="custom-title">
            <h2 id="custom-title">Another amount</h2>
            <div className="custom-amount">
              <NumberField
                className="field"
                value={custom}
                onChange={setCustom}
                minValue={packs.data.creditsPerUnit}
                step={packs.data.creditsPerUnit}
                formatOptions={{ useGrouping: false }}
              >
                <Label>Credits (a multiple of {packs.data.creditsPerUnit})</Label>
                <Group className="number-field">
                  <Button slot="decrement" className="button">
                    −
                  </Button>
                  <Input />
                  <Button slot="increment" className="button">
                    +
                  </Button>
                </Group>
                <Text slot="description" className="muted">
                  {packs.data.tiers
                    .map(
                      (tier) =>
                        `from ${tier.minUnits * packs.data.creditsPerUnit} credits: ${formatMoney(tier.unitAmount, packs.data.currency)} per ${packs.data.creditsPerUnit}`,
                    )
                    .join(' · ')}
                </Text>
                <FieldError className="field__error" />
              </NumberField>
              <div aria-live="polite" className="custom-amount__quote">
                {quote.data && (
                  <p data-testid="quote">
                    {formatCredits(quote.data.credits)} credits:{' '}
                    <strong>{formatMoney(quote.data.amount, quote.data.currency)}</strong>
                  </p>
                )}
                <ErrorNotice error={quote.error} />
              </div>
              <Button
                className="button button--primary"
                isDisabled={!quote.data || checkout.isPending}
                onPress={() => quote.data && buy(quote.data.credits)}
              >
                {quote.data ? `Buy ${formatCredits(quote.data.credits)} credits` : 'Buy'}
              </Button>
            </div>
          </article>
        </>
      )}
      <ErrorNotice error={checkout.error} />
      {checkout.isPending && <p aria-live="polite">Opening the checkout…</p>}
    </Screen>
  );
}
