// Public entry of the consensus feature: the disagreement explorer that settles regions into the consensus layer.
export { ConsensusView, type ConsensusViewProps } from './ConsensusView';
