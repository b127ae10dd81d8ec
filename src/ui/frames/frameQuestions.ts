/**
 * The questions a frame answers and which of them are still open, so number keys can walk a
 * fundus photograph question by question (gradable, DR, DME…) and move on once all are answered.
 */
import type { LabelSet, Question } from '../../core/labelSet';

/** Label questions asked of each frame or image, in the label set's order (regions are drawn, not keyed). */
export function frameQuestions(labelSet: LabelSet): Question[] {
  return labelSet.questions.filter((q) => q.target === 'frame' || q.target === 'image' || q.target === 'frameRange');
}

/**
 * After answering question `answered` on a frame: the next question of that frame still open
 * (after it, then from the start), or null when every question of the frame has an answer.
 */
export function nextOpenQuestion(questions: readonly Question[], answered: number, isOpen: (question: Question) => boolean): number | null {
  for (let step = 1; step <= questions.length; step += 1) {
    const index = (answered + step) % questions.length;
    const question = questions[index];
    if (question && isOpen(question)) return index;
  }
  return null;
}

/** The question to ask first on a frame: its first open one, or the first question when all are answered. */
export function firstOpenQuestion(questions: readonly Question[], isOpen: (question: Question) => boolean): number {
  const index = questions.findIndex(isOpen);
  return index < 0 ? 0 : index;
}

/**
 * Whether number keys walk every question of a frame before moving on, as a reading centre grades
 * a photograph (fundus: all per-image questions); per-frame scoring of thousands of video frames
 * (Mayo) answers one question and moves to the next frame. The reader can switch.
 */
export function walksAllQuestionsByDefault(questions: readonly Question[]): boolean {
  return questions.length > 1 && questions.every((q) => q.target === 'image');
}
