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
