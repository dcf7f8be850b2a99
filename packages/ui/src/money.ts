// One formatter per currency: building an Intl.NumberFormat costs ~100× a format() call, and a
// results page formats dozens of prices.
const formats = new Map<string, { format: Intl.NumberFormat; fractionDigits: number }>();

function formatFor(currency: string) {
  let entry = formats.get(currency);
  if (!entry) {
    const format = new Intl.NumberFormat("en", { style: "currency", currency });
    entry = { format, fractionDigits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formats.set(currency, entry);
  }
  return entry;
}

/**
 * Formats an amount stored in integer minor units: 4500 EUR → "€45.00", while JPY has no
 * minor unit, so 4500 JPY → "¥4,500".
 */
export function formatMinorUnits(minor: number, currency: string): string {
  const { format, fractionDigits } = formatFor(currency);
  return format.format(minor / 10 ** fractionDigits);
}
