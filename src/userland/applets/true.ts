// true and false: do nothing, successfully or not.
import type { Applet } from '../applet.js';

/** true: exit 0. */
export const trueApplet: Applet = async () => 0;

/** false: exit 1. */
export const falseApplet: Applet = async () => 1;
