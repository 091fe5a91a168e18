/** The theme for every component below the app (NO_COLOR decides it once). */
import {createContext, useContext} from 'react';
import {makeTheme, type Theme} from '../theme.js';

export const ThemeContext = createContext<Theme>(makeTheme(true));
export const useTheme = (): Theme => useContext(ThemeContext);
