// Public entry of the COREQ feature: the checklist with pre-filled and authored answers.
export { CoreqView, type CoreqViewProps } from './CoreqView';
