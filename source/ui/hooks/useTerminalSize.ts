/** The terminal's size, updated on `resize` (Ink 6 has no hook for it). */
import {useEffect, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

type SizedStream = NodeJS.EventEmitter & {columns?: number; rows?: number};

const read = (stream: SizedStream): TerminalSize => ({columns: stream.columns ?? 80, rows: stream.rows ?? 24});

export const useTerminalSize = (stream: SizedStream = process.stdout): TerminalSize => {
  const [size, setSize] = useState<TerminalSize>(() => read(stream));
  useEffect(() => {
    const update = (): void => {
      const next = read(stream);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    stream.on('resize', update);
    update();
    return () => {
      stream.off('resize', update);
    };
  }, [stream]);
  return size;
};
