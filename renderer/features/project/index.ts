// Public entry of the project feature: start screen and coder choice.
export { StartScreen, type StartScreenProps } from './StartScreen';
export { CoderSelect, type CoderSelectProps } from './CoderSelect';
