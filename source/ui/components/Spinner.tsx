/** A spinner that ticks only while git work runs. */
import {useEffect, useState} from 'react';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export const Spinner = ({label}: {label: string | null}) => {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 120);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text color={theme.accent} wrap="truncate">
      {FRAMES[frame]} {label ?? 'Working'}…
    </Text>
  );
};
