// Public entry of the groups feature: document groups, membership and document memos.
export { GroupsView, type GroupsViewProps } from './GroupsView';
