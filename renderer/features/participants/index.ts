// Public entry of the participants feature: the attribute table and the live characteristics table.
export { ParticipantsView, type ParticipantsViewProps } from './ParticipantsView';
