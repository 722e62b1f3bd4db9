// Public API of the Dockerfile frontend: parsing (parse), expansion (expand, expandWords,
// expandInstruction), stage planning (planStages) and build-context filtering (dockerignore).
// RUN execution is not here: the engine supplies it later through an Executor interface.
export { DockerfileError, BuildSyntaxError } from './errors.js';
export { parse } from './parse.js';
export type * from './instructions/types.js';
export type { Heredoc } from './parser/raw-node.js';
export { runHeredocCommand } from './instructions/run.js';
export { chompHeredocContent } from './parser/heredoc.js';
export { INSTRUCTION_NAMES } from './instructions/parse-instruction.js';
export { expand, expandWords, expandWithMatches, expandHeredoc, envLookup } from './expand.js';
export type { ExpandEnv, ExpandOptions, ExpandResult } from './expand.js';
export { expandInstruction, EXPANDED_KINDS } from './expand-instruction.js';
export type { ExpandedInstruction } from './expand-instruction.js';
export { planStages } from './stages.js';
export type { BuildPlan, PlannedStage, PlanOptions, StageBase, StageDependency } from './stages.js';
export { PROXY_ARGS, isProxyArg, proxyEnv, platformArgs, formatPlatform, resolveGlobalArgs, resolveArgs } from './build-args.js';
export type { Platform, ArgContext, ResolvedArg } from './build-args.js';
export { IgnoreMatcher } from './dockerignore/ignore-matcher.js';
export { readIgnorePatterns } from './dockerignore/read-ignore-file.js';
export { findBuildFiles, loadIgnoreMatcher, keepBuildFiles, listContextFiles } from './context-files.js';
export type { BuildFiles, FindBuildFilesOptions } from './context-files.js';
export * from './builder/builder-exports.js';
