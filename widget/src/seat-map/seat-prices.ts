/**
 * Per price zone, the price a click on one of its seats holds: the zone's first public tariff
 * in the order the API lists them (the tariff the API gives a seat chosen without one). Not
 * the lowest price of the zone, which a buyer pays only by choosing that tariff in the cart.
 */
export function clickPrices(tariffs: readonly { zoneId: string | null; price: number }[], format: (amount: number) => string): Record<string, string> {
  const prices: Record<string, string> = {};
  for (const tariff of tariffs) if (tariff.zoneId !== null && !(tariff.zoneId in prices)) prices[tariff.zoneId] = format(tariff.price);
  return prices;
}

/**
 * Per price zone, the lowest price a buyer can pick there without a code (the legend's "from"):
 * give it the public tariffs of the date, as the API lists them for everyone.
 */
export function lowestPrices(tariffs: readonly { zoneId: string | null; price: number }[], format: (amount: number) => string): Record<string, string> {
  const lowest: Record<string, number> = {};
  for (const { zoneId, price } of tariffs) if (zoneId !== null && price < (lowest[zoneId] ?? Infinity)) lowest[zoneId] = price;
  return Object.fromEntries(Object.entries(lowest).map(([zoneId, price]) => [zoneId, format(price)]));
}
