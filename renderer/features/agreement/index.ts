// Public entry of the agreement feature: the dashboard, before/after consensus and blind-coding settings.
export { AgreementView, type AgreementViewProps } from './AgreementView';
