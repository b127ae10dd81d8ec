/** Settling where readers differ: a lead's decisions per unit and the consensus record set they make. */
export { decisionProblem, editedShapeId, isPick, isRegionEdit, REGION_EDIT_LIMITS, unitKeyOf, type ConsensusDecision, type DecidedUnit, type RegionEdit } from './decision';
export { buildConsensus, type ConsensusBasis, type ConsensusOutcome, type ConsensusRecord, type ConsensusSource, type ReaderWork, type VersionedRecord } from './buildConsensus';
