/** 1234567.8 -> "1,234,568": rates are read by magnitude, so no decimals. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A ratio with two decimals below 10 and one above: "3.41×", "27.3×". */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}
