/**
 * Ink's Text with every string child escaped (printable, one line): the UI's one door to the
 * terminal for text. Tag messages, names, commit subjects, annotations, git's errors and what the
 * user pasted can hold OSC/CSI sequences, C1 controls or bidi overrides; here they become `\u…`
 * escapes, so no screen can retitle the window, write the clipboard or reorder a row. Every
 * component takes Text from this module, never from ink.
 */
import {Text as InkText, type TextProps} from 'ink';
import {Children, type ReactNode} from 'react';
import {safe} from './text.js';

const escapeChildren = (children: ReactNode): ReactNode =>
  typeof children === 'string' ? safe(children) : Children.map(children, (child) => (typeof child === 'string' ? safe(child) : child));

export const Text = ({children, ...props}: TextProps) => <InkText {...props}>{escapeChildren(children)}</InkText>;
