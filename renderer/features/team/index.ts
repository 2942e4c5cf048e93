// Public entry of the team feature: the lead's members dialog.
export { TeamDialog, type TeamDialogProps } from './TeamDialog';
