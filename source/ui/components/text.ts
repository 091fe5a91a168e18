/** Fixed-width cell text. Pure. */
export const fit = (text: string, width: number): string => {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text + ' '.repeat(width - chars.length);
  return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
};

export const shortSha = (sha: string): string => sha.slice(0, 7);
