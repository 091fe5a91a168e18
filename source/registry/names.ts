/** Artifact, stage, type and label names (spec §2.1–2.2). */

const SIMPLE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_/-]*[A-Za-z0-9])?$/;
const DIRNAME = /^[A-Za-z0-9_./-]+$/;

export const isSimpleName = (value: string): boolean => SIMPLE_NAME.test(value);

/** The `DIR` of `DIR:name` (§2.2). */
export const isDirName = (value: string): boolean => DIRNAME.test(value);

/** `name` or `dir:name`, exactly one `:` (§2.2). */
export const isFullName = (value: string): boolean => {
  const colon = value.indexOf(':');
  if (colon === -1) return isSimpleName(value);
  return isDirName(value.slice(0, colon)) && isSimpleName(value.slice(colon + 1));
};

/** GTO's wording, including its false "len >= 2" (§2.1, §11). */
export const invalidNameMessage = (value: string): string =>
  `Invalid value '${value}'. Only letters, numbers, '_', '-', '/' are allowed. Value must be of len >= 2 and must start and end with a letter or a number.`;

/** `dir:name` as written inside a tag name (`dir=name`). */
export const nameToTagForm = (fullName: string): string => fullName.replace(':', '=');

/** `dir=name` from a tag back to the user-facing `dir:name`. */
export const nameFromTagForm = (tagName: string): string => tagName.replace('=', ':');
