import type DodoPayments from 'dodopayments';

/**
 * Why this Dodo product cannot be the credits product, or undefined when it can. Every credit purchase is
 * a pay-what-you-want one-time price whose amount is the order's: anything that makes the customer pay
 * another amount (a discount, purchasing-power parity, tax included in the price) would make every
 * payment mismatch its order and credit nothing.
 */
export function creditsProductProblem(product: DodoPayments.Product): string | undefined {
  const price = product.price;
  if (price.type !== 'one_time_price') return `its price is ${price.type}; a one_time_price is needed`;
  if (!price.pay_what_you_want) return 'pay_what_you_want is off; the order sets the amount';
  return amountChangeProblem(price);
}

/**
 * Why this Dodo product cannot be the auto top-up product, or undefined when it can: an on-demand
 * subscription is charged the order's amount each time, so the product must be a subscription whose
 * price nothing changes (a discount, parity pricing, tax included).
 */
export function autoTopUpProductProblem(product: DodoPayments.Product): string | undefined {
  const price = product.price;
  if (price.type !== 'recurring_price')
    return `its price is ${price.type}; a subscription (recurring_price) is needed for on-demand charges`;
  return amountChangeProblem(price);
}

/** What would make the customer pay another amount than the order's, whatever kind of price it is. */
function amountChangeProblem(price: DodoPayments.Price): string | undefined {
  if ((price.discount ?? 0) > 0 || (price.discount_bps ?? 0) > 0)
    return 'it has a discount; the customer would pay less than the order';
  if (price.purchasing_power_parity)
    return 'purchasing_power_parity is on; the customer would pay another amount than the order';
  if (price.tax_inclusive) return 'tax_inclusive is on; the amount net of tax would differ from the order';
  return undefined;
}
