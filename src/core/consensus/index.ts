/** Settling where readers differ: a lead's decisions per unit and the consensus record set they make. */
export { decisionProblem, isPick, unitKeyOf, type ConsensusDecision, type DecidedUnit } from './decision';
export { buildConsensus, type ConsensusBasis, type ConsensusOutcome, type ConsensusRecord, type ConsensusSource, type ReaderWork, type VersionedRecord } from './buildConsensus';
