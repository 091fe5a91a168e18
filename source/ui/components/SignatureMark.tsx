/**
 * One cell of the signature column: ✓ good, ✗ bad, ? unknown signer, - unsigned, … while git
 * is still verifying, blank for a version no tag made. The mark alone says it (NO_COLOR).
 */
import {Text} from './SafeText.js';
import {SIGNATURE_MARK} from '../../registry/signatures.js';
import type {SignatureColumn} from '../store.js';
import {useTheme} from './ThemeContext.js';

export const SignatureMark = ({column, tag}: {column: SignatureColumn; tag: string | null}) => {
  const theme = useTheme();
  const status = tag === null ? undefined : column.results.get(tag)?.verification.status;
  if (status === undefined) return <Text color={theme.muted}>{tag !== null && column.checking ? '… ' : '  '}</Text>;
  const color = status === 'good' ? theme.ok : status === 'bad' ? theme.error : status === 'unknown' ? theme.warn : theme.muted;
  return <Text color={color}>{SIGNATURE_MARK[status]} </Text>;
};
