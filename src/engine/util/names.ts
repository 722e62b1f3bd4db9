// Docker-style generated container names: adjective_surname (moby's namesgenerator idea with
// skiff's own word lists), checked for uniqueness by the caller.

/** Adjectives (first half of a generated name). */
export const ADJECTIVES = [
  'admiring', 'agile', 'amazing', 'awesome', 'blissful', 'bold', 'brave', 'busy', 'calm', 'charming',
  'clever', 'cool', 'crisp', 'dazzling', 'eager', 'ecstatic', 'elastic', 'elegant', 'epic', 'fervent',
  'festive', 'focused', 'friendly', 'gallant', 'gentle', 'happy', 'hopeful', 'humble', 'jolly', 'keen',
  'kind', 'lucid', 'loving', 'modest', 'nifty', 'nimble', 'optimistic', 'peaceful', 'pensive', 'quirky',
  'relaxed', 'serene', 'sharp', 'stoic', 'sweet', 'tender', 'trusting', 'upbeat', 'vibrant', 'wizardly',
  'youthful', 'zealous',
];

/** Surnames of scientists and engineers (second half). */
export const SURNAMES = [
  'agnesi', 'babbage', 'bardeen', 'bell', 'boole', 'borg', 'cerf', 'curie', 'darwin', 'dijkstra',
  'einstein', 'euler', 'fermat', 'feynman', 'franklin', 'galileo', 'gauss', 'goldberg', 'hamilton', 'hawking',
  'hopper', 'hypatia', 'johnson', 'kepler', 'knuth', 'lamarr', 'lamport', 'leakey', 'lovelace', 'mayer',
  'mccarthy', 'meitner', 'mirzakhani', 'newton', 'noether', 'pascal', 'pike', 'ritchie', 'sammet', 'shannon',
  'sinoussi', 'thompson', 'torvalds', 'turing', 'volhard', 'wilbur', 'wing', 'wozniak', 'wright', 'yonath',
  'zhukovsky',
];

/**
 * A name from two random numbers. `retry` > 0 appends a digit, as moby does after collisions.
 * (`boring_wozniak` is not generated: Steve Wozniak is not boring — moby's rule, kept.)
 */
export function generateName(pick: (n: number) => number, retry = 0): string {
  let name = `${ADJECTIVES[pick(ADJECTIVES.length)]}_${SURNAMES[pick(SURNAMES.length)]}`;
  if (name === 'boring_wozniak') return generateName(pick, retry);
  if (retry > 0) name += String(pick(10));
  return name;
}

/** Docker's rule for user-given names. */
export const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
