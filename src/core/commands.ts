import type { DocumentView } from './annotation';
import { acceptProposals, addProposals, rejectProposals } from './commands/proposal';
import { setMask, setMasks } from './commands/mask';
import { importRecords } from './commands/recordImport';
import { addShape, removeShape, updateShape } from './commands/shape';
import { removeShapes, setShapeClass, translateShapes } from './commands/shapeSelection';
import { addShapes } from './commands/shapeMany';
import { addFrameRange, removeFrameRange, resizeFrameRange } from './commands/frameRange';
import { clearTargetLabels, setTargetLabel, setTargetLabelRange } from './commands/targetLabel';
import { CommandError, type AnyCommand, type Command, type CommandContext, type CommandName, type CommandParams } from './commands/types';
import type { RecordDiff } from './diff';

export { CommandError, type AnyCommand, type Command, type CommandContext, type CommandName, type CommandParams };

/** Every change to a document is one of these; the registry is a plain array. */
export const COMMANDS: readonly AnyCommand[] = [
  setTargetLabel,
  setTargetLabelRange,
  clearTargetLabels,
  addShape,
  updateShape,
  removeShape,
  setShapeClass,
  translateShapes,
  removeShapes,
  addShapes,
  setMask,
  setMasks,
  importRecords,
  acceptProposals,
  rejectProposals,
  addProposals,
  addFrameRange,
  resizeFrameRange,
  removeFrameRange,
];

const BY_NAME: ReadonlyMap<string, AnyCommand> = new Map(COMMANDS.map((c) => [c.name, c]));

export function findCommand<N extends CommandName>(name: N): Command<N> {
  const command = BY_NAME.get(name);
  if (!command) throw new CommandError(name, 'no such command');
  // The map is keyed by each command's own name, so the entry for `name` is a Command<N>.
  return command as unknown as Command<N>;
}

/** Runs a command by name against `doc`; returns its diff (empty when nothing changes). */
export function runCommand<N extends CommandName>(
  name: N,
  ctx: CommandContext,
  doc: DocumentView,
  params: CommandParams[N],
): RecordDiff {
  return findCommand(name).run(ctx, doc, params);
}
