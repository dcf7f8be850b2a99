/**
 * Formats an amount stored in integer minor units: 4500 EUR → "€45.00", while JPY has no
 * minor unit, so 4500 JPY → "¥4,500".
 */
export function formatMinorUnits(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const fractionDigits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** fractionDigits);
}
